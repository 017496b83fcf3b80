package io.natsjms.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

/**
 * An application bean of a Java SE program: sends and receives with the injected {@code JMSContext}, each
 * public call in a request of its own, and reads with a context it makes from the injected factory.
 */
@ApplicationScoped
public class Mailbox {

    @Inject
    ConnectionFactory factory;

    @Inject
    JMSContext context;

    /** Sends {@code text} to {@code queue}. */
    @ActivateRequestContext
    public void send(String queue, String text) {
        context.createProducer().send(context.createQueue(queue), text);
    }

    /** The next text of {@code queue}, or null after {@code timeoutMillis}. */
    @ActivateRequestContext
    public String receive(String queue, long timeoutMillis) {
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            return consumer.receiveBody(String.class, timeoutMillis);
        }
    }

    /** The next text of {@code queue} read through a context of its own from the injected factory. */
    public String receiveWithFactory(String queue, long timeoutMillis) {
        try (JMSContext own = factory.createContext();
             JMSConsumer consumer = own.createConsumer(own.createQueue(queue))) {
            return consumer.receiveBody(String.class, timeoutMillis);
        }
    }

    /** A consumer of the request's context, handed out of the request (so it outlives its context). */
    @ActivateRequestContext
    public JMSConsumer consumerOutlivingTheRequest(String queue) {
        return context.createConsumer(context.createQueue(queue));
    }

    /** The client ID of the request's context. */
    @ActivateRequestContext
    public String clientId() {
        return context.getClientID();
    }

    /** The session mode of the request's context. */
    @ActivateRequestContext
    public int sessionMode() {
        return context.getSessionMode();
    }
}
