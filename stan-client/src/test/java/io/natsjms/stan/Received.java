package io.natsjms.stan;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler that records what it gets and, when told to, acks every message. */
final class Received implements StanMessageHandler {

    private final List<StanMessage> messages = new CopyOnWriteArrayList<>();
    private final boolean ack;
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private Received(boolean ack) {
        this.ack = ack;
    }

    static Received acking() {
        return new Received(true);
    }

    static Received notAcking() {
        return new Received(false);
    }

    @Override
    public void onMessage(StanSubscription subscription, StanMessage message) {
        messages.add(message);
        threads.add(Thread.currentThread().getName());
        if (ack) {
            try {
                subscription.ack(message.sequence());
            } catch (StanException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    List<StanMessage> messages() {
        return messages;
    }

    List<Long> sequences() {
        return messages.stream().map(StanMessage::sequence).toList();
    }

    int size() {
        return messages.size();
    }

    List<String> threads() {
        return threads;
    }
}
