package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes the queue {@value #QUEUE} with {@value #MAX_SESSION} sessions; records each text with the number
 * of deliveries in progress when it started ({@code <text> <active>}).
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = WorkQueueMdb.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "" + WorkQueueMdb.MAX_SESSION)})
public class WorkQueueMdb implements MessageListener {

    public static final String QUEUE = "it.work";
    public static final int MAX_SESSION = 4;

    @Inject
    private Recorder recorder;
    @Inject
    private Overlap overlap;

    @Override
    public void onMessage(Message message) {
        int active = overlap.enter();
        try {
            recorder.record(QUEUE, Texts.of(message) + " " + active);
        } finally {
            overlap.exit();
        }
    }
}
