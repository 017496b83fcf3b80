package io.natsjms.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** (Work in progress: the core lands next.) */
public class NatsMessageConsumer {

    /**
     * Receives like {@code receive(timeout)} ({@code timeout} < 0: no wait, 0: forever) but only a message whose
     * body can be assigned to {@code bodyType}: any other is put back, unacknowledged, to be received again
     * (marked redelivered), and a {@link jakarta.jms.MessageFormatException} is thrown. {@code null} when none came.
     */
    Message receiveIf(long timeout, Class<?> bodyType) throws JMSException {
        throw new JMSException("not built yet");
    }
}
