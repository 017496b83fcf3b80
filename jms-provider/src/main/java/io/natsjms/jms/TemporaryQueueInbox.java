package io.natsjms.jms;

import io.natsjms.stan.CoreMessage;
import io.natsjms.stan.CoreSubscription;
import io.natsjms.stan.StanException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The subscription of a temporary queue: messages go to its consumers in turn, and wait here while it
 * has none.
 */
final class TemporaryQueueInbox {

    private final List<NatsMessageConsumer> consumers = new ArrayList<>();
    private final Deque<CoreMessage> waiting = new ArrayDeque<>();
    private CoreSubscription subscription;
    private int next;

    private TemporaryQueueInbox() {
    }

    static TemporaryQueueInbox open(NatsConnection connection, String subject) throws StanException {
        TemporaryQueueInbox inbox = new TemporaryQueueInbox();
        inbox.subscription = connection.stan().subscribeCore(subject, inbox::arrive);
        return inbox;
    }

    private void arrive(CoreMessage message) {
        NatsMessageConsumer target;
        synchronized (this) {
            if (consumers.isEmpty()) {
                waiting.addLast(message);
                return;
            }
            target = consumers.get(next++ % consumers.size());
        }
        target.arriveCore(message);
    }

    /** Adds a consumer and hands it what was waiting. */
    void attach(NatsMessageConsumer consumer) {
        List<CoreMessage> backlog;
        synchronized (this) {
            consumers.add(consumer);
            backlog = new ArrayList<>(waiting);
            waiting.clear();
        }
        backlog.forEach(consumer::arriveCore);
    }

    /** Removes a consumer; {@code unconsumed} (its undelivered messages) wait for the next one. */
    void detach(NatsMessageConsumer consumer, List<CoreMessage> unconsumed) {
        List<CoreMessage> handOver;
        synchronized (this) {
            consumers.remove(consumer);
            if (consumers.isEmpty()) {
                unconsumed.forEach(waiting::addLast);
                return;
            }
            handOver = unconsumed;
        }
        handOver.forEach(this::arrive);
    }

    synchronized boolean hasConsumers() {
        return !consumers.isEmpty();
    }

    void close() {
        subscription.close();
    }
}
