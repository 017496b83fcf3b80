package io.natsjms.arquillian.app;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** Reads the text of a received {@code TextMessage}. */
public final class Texts {

    private Texts() {
    }

    /** The body of {@code message}, a {@code TextMessage}. */
    public static String of(Message message) {
        try {
            return message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException("expected a TextMessage, got " + message, e);
        }
    }
}
