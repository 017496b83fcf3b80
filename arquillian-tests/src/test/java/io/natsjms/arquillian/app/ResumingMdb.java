package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * A durable subscriber of {@value #CHANNEL} in an application the test undeploys and deploys again: records
 * each text it receives, so the redeployed application shows what the durable subscription kept for it.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ResumingMdb.CHANNEL),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = ResumingMdb.SUBSCRIPTION)})
public class ResumingMdb implements MessageListener {

    public static final String CHANNEL = "it.resume";
    public static final String SUBSCRIPTION = "it-resume";

    @Inject
    private Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record(CHANNEL, Texts.of(message));
    }
}
