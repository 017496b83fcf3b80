package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Fails every delivery of {@value #CHANNEL} after recording it as {@code <text> <JMSXDeliveryCount>
 * <JMSRedelivered>}; after {@value #MAX_REDELIVERIES} redeliveries the adapter moves the message to
 * {@value #DEAD_LETTERS}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = FailingMdb.CHANNEL),
    @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "" + FailingMdb.MAX_REDELIVERIES),
    @ActivationConfigProperty(propertyName = "deadLetterChannel", propertyValue = FailingMdb.DEAD_LETTERS)})
public class FailingMdb implements MessageListener {

    public static final String CHANNEL = "it.failing";
    public static final String DEAD_LETTERS = "it.failing.dlq";
    public static final int MAX_REDELIVERIES = 2;

    @Inject
    private Recorder recorder;

    @Override
    public void onMessage(Message message) {
        try {
            recorder.record(CHANNEL, Texts.of(message) + " " + message.getIntProperty("JMSXDeliveryCount") + " "
                    + message.getJMSRedelivered());
        } catch (JMSException e) {
            throw new IllegalStateException("FailingMdb: cannot read the delivery headers", e);
        }
        throw new IllegalStateException("FailingMdb rejects every message (expected by the test)");
    }
}
