package io.natsjms.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * An application bean keeping a durable subscription {@value #SUBSCRIPTION} to a topic with the injected
 * {@code JMSContext}; the client ID comes from the configuration. Each public call is a request of its own.
 */
@ApplicationScoped
public class AuditTrail {

    /** The durable subscription's name. */
    static final String SUBSCRIPTION = "audit";

    @Inject
    JMSContext context;

    /** Creates the durable subscription to {@code topic} and goes away. */
    @ActivateRequestContext
    public void subscribe(String topic) {
        context.createDurableConsumer(topic(topic), SUBSCRIPTION).close();
    }

    /** Publishes {@code texts} to {@code topic}, in order. */
    @ActivateRequestContext
    public void publish(String topic, List<String> texts) {
        Topic destination = topic(topic);
        for (String text : texts) {
            context.createProducer().send(destination, text);
        }
    }

    /** The next {@code count} texts of the durable subscription (fewer when one takes over 10 s). */
    @ActivateRequestContext
    public List<String> read(String topic, int count) {
        List<String> texts = new ArrayList<>();
        try (JMSConsumer consumer = context.createDurableConsumer(topic(topic), SUBSCRIPTION)) {
            while (texts.size() < count) {
                String text = consumer.receiveBody(String.class, 10_000);
                if (text == null) {
                    break;
                }
                texts.add(text);
            }
        }
        return texts;
    }

    /** Deletes the durable subscription. */
    @ActivateRequestContext
    public void unsubscribe() {
        context.unsubscribe(SUBSCRIPTION);
    }

    /** The client ID of the request's context. */
    @ActivateRequestContext
    public String clientId() {
        return context.getClientID();
    }

    private Topic topic(String name) {
        return context.createTopic(name);
    }
}
