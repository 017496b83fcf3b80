package io.natsjms.jms;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages a CLIENT_ACKNOWLEDGE or transacted session handed out and has not yet acknowledged
 * (or committed), in the order they were consumed.
 */
final class ConsumedMessages {

    private final List<Delivered> items = new ArrayList<>();

    synchronized void add(Delivered delivered) {
        items.add(delivered);
    }

    /** Puts {@code deliveries} back in front, in their order (an acknowledgement that could not be sent). */
    synchronized void addFirst(List<Delivered> deliveries) {
        items.addAll(0, deliveries);
    }

    /** Removes and returns everything. */
    synchronized List<Delivered> takeAll() {
        List<Delivered> all = new ArrayList<>(items);
        items.clear();
        return all;
    }

    synchronized boolean hasFrom(NatsMessageConsumer consumer) {
        return items.stream().anyMatch(delivered -> delivered.consumer() == consumer);
    }
}
