package io.natsjms.jms;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sequences a consumer's application is done with: acknowledged lately, or acknowledged while the ack
 * could not be sent (NATS reconnecting). The server may still redeliver one of them — its redelivery
 * crossed the ack, or the ack never left — and that redelivery is acknowledged again instead of handed
 * out a second time. Owed acks are kept until one is sent; sent ones only the last {@value #RECENT}
 * (the most a subscription can have in flight by default).
 */
final class FinishedSequences {

    private static final int RECENT = 1024;

    private final Set<Long> owed = new HashSet<>();
    private final LinkedHashSet<Long> acknowledged = new LinkedHashSet<>();

    /** The ack of {@code sequence} could not be sent. */
    synchronized void owed(long sequence) {
        owed.add(sequence);
    }

    /** The ack of {@code sequence} was sent. */
    synchronized void acknowledged(long sequence) {
        owed.remove(sequence);
        acknowledged.add(sequence);
        if (acknowledged.size() > RECENT) {
            Iterator<Long> oldest = acknowledged.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized boolean contains(long sequence) {
        return owed.contains(sequence) || acknowledged.contains(sequence);
    }
}
