package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A non-durable subscriber of {@value #CHANNEL} that starts at the channel's first message. */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ReplayMdb.CHANNEL),
    @ActivationConfigProperty(propertyName = "startPosition", propertyValue = "first")})
public class ReplayMdb implements MessageListener {

    public static final String CHANNEL = "it.history";

    @Inject
    private Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record(CHANNEL, Texts.of(message));
    }
}
