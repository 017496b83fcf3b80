package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A durable subscriber of {@value #CHANNEL}: records each text it receives. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = DurableOrdersMdb.CHANNEL),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = DurableOrdersMdb.SUBSCRIPTION)})
public class DurableOrdersMdb implements MessageListener {

    public static final String CHANNEL = "it.orders";
    public static final String SUBSCRIPTION = "it-orders";

    @Inject
    private Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record(CHANNEL, Texts.of(message));
    }
}
