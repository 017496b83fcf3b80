package io.natsjms.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;

/**
 * The simplified API's {@link JMSConsumer} over one classic {@link MessageConsumer} of a
 * {@link NatsJMSContext}'s session.
 *
 * <p>{@code receiveBody} on the provider's own consumer leaves a message whose body does not fit the
 * requested type unacknowledged, to be delivered again, as JMS asks. Over another MessageConsumer (one the
 * classic API of someone else handed over) the message is checked after it was received: the
 * MessageFormatRuntimeException is thrown all the same, but in AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE that
 * message has then been acknowledged already.
 */
public final class NatsJMSConsumer implements JMSConsumer {

    private final NatsJMSContext context;
    private final MessageConsumer consumer;
    /** The listener the application set (not the wrapper handed to the consumer). */
    private volatile MessageListener listener;

    NatsJMSConsumer(NatsJMSContext context, MessageConsumer consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return ContextCall.get(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        ContextCall.get(consumer::getMessageListener);
        return listener;
    }

    /** Sets (or with null removes) the listener; it runs marked as a listener of the context. */
    @Override
    public void setMessageListener(MessageListener listener) {
        MessageListener guarded = listener == null ? null : context.callbacks().guard(listener, context::consumed);
        ContextCall.run(() -> consumer.setMessageListener(guarded));
        this.listener = listener;
    }

    @Override
    public Message receive() {
        return consumed(ContextCall.get(consumer::receive));
    }

    @Override
    public Message receive(long timeout) {
        return consumed(ContextCall.get(() -> consumer.receive(timeout)));
    }

    @Override
    public Message receiveNoWait() {
        return consumed(ContextCall.get(consumer::receiveNoWait));
    }

    @Override
    public void close() {
        ContextCall.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(0, c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(timeout, c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(-1, c);
    }

    /** The body of the next message as {@code c}; {@code timeout} &lt; 0: no wait, 0: forever. */
    private <T> T body(long timeout, Class<T> c) {
        return ContextCall.get(() -> {
            Message message = consumed(receiveIf(timeout, c));
            return message == null ? null : message.getBody(c);
        });
    }

    private Message receiveIf(long timeout, Class<?> c) throws JMSException {
        if (consumer instanceof NatsMessageConsumer own) {
            return own.receiveIf(timeout, c);
        }
        Message message = timeout < 0 ? consumer.receiveNoWait() : consumer.receive(timeout);
        if (message != null && !message.isBodyAssignableTo(c)) {
            context.consumed(message);
            throw new MessageFormatException("receiveBody(" + c.getName() + "): a "
                    + message.getClass().getSimpleName() + " whose body is not assignable to it"
                    + " (expected: a message of the requested body type)");
        }
        return message;
    }

    private Message consumed(Message message) {
        context.consumed(message);
        return message;
    }
}
