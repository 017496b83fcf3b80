package io.natsjms.jms;

import io.natsjms.jms.destination.NatsTemporaryDestination;
import io.natsjms.jms.destination.NatsTemporaryQueue;
import io.natsjms.jms.destination.NatsTemporaryTopic;
import io.natsjms.jms.destination.TemporaryDestinationOwner;
import io.natsjms.stan.StanException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary queues and topics of one connection: core-NATS inbox subjects, not stored. A temporary
 * queue is subscribed as soon as it is created, so messages sent before its first consumer wait in the
 * connection; a temporary topic is subscribed per consumer, like any topic.
 */
final class TemporaryDestinations implements TemporaryDestinationOwner {

    private final NatsConnection connection;
    private final Map<String, TemporaryQueueInbox> queues = new ConcurrentHashMap<>();
    private final Map<String, Integer> topicConsumers = new ConcurrentHashMap<>();

    TemporaryDestinations(NatsConnection connection) {
        this.connection = connection;
    }

    NatsTemporaryQueue createQueue() throws JMSException {
        String subject = connection.stan().newInbox();
        NatsTemporaryQueue queue = new NatsTemporaryQueue(subject, this);
        try {
            queues.put(subject, TemporaryQueueInbox.open(connection, subject));
            connection.stan().flush(Duration.ofSeconds(5));
        } catch (StanException e) {
            queues.remove(subject);
            throw JmsExceptions.of("create temporary queue", e);
        }
        return queue;
    }

    NatsTemporaryTopic createTopic() throws JMSException {
        String subject = connection.stan().newInbox();
        topicConsumers.put(subject, 0);
        return new NatsTemporaryTopic(subject, this);
    }

    /** The inbox of a temporary queue of this connection; refuses others' and deleted ones. */
    TemporaryQueueInbox queue(NatsTemporaryDestination destination) throws JMSException {
        TemporaryQueueInbox inbox = queues.get(destination.name());
        if (inbox == null) {
            throw notOurs(destination);
        }
        return inbox;
    }

    /** Counts a consumer of a temporary topic of this connection; refuses others' and deleted ones. */
    void attachTopicConsumer(NatsTemporaryDestination destination) throws JMSException {
        if (topicConsumers.computeIfPresent(destination.name(), (subject, count) -> count + 1) == null) {
            throw notOurs(destination);
        }
    }

    void detachTopicConsumer(NatsTemporaryDestination destination) {
        topicConsumers.computeIfPresent(destination.name(), (subject, count) -> Math.max(0, count - 1));
    }

    private static InvalidDestinationException notOurs(NatsTemporaryDestination destination) {
        return new InvalidDestinationException(destination + ": not a live temporary destination of this connection"
                + " (expected: consumers only in the connection that created it, before it is deleted)");
    }

    @Override
    public void delete(NatsTemporaryDestination destination) throws JMSException {
        connection.checkOpen();
        String subject = destination.name();
        TemporaryQueueInbox inbox = queues.get(subject);
        if (inbox != null) {
            if (inbox.hasConsumers()) {
                throw inUse(destination);
            }
            queues.remove(subject);
            inbox.close();
            return;
        }
        Integer consumers = topicConsumers.get(subject);
        if (consumers != null && consumers > 0) {
            throw inUse(destination);
        }
        topicConsumers.remove(subject);
    }

    private static IllegalStateException inUse(NatsTemporaryDestination destination) {
        return new IllegalStateException("cannot delete " + destination
                + ": it still has consumers (expected: close them first)");
    }

    void closeAll() {
        queues.values().forEach(TemporaryQueueInbox::close);
        queues.clear();
        topicConsumers.clear();
    }
}
