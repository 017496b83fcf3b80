package io.natsjms.server.broker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code SUB} of one client: subject (possibly with wildcards), optional queue group, the client's
 * subscription id, and the auto-unsubscribe limit set by {@code UNSUB <sid> <max>}.
 */
final class BrokerSubscription {
    /** Client that receives the messages; {@code null} only in unit tests of the trie. */
    final BrokerClient owner;
    final String subject;
    /** Queue group name, or {@code null}. */
    final String queue;
    final String sid;
    /** {@code sid} encoded once, as it is written into every MSG. */
    final byte[] sidBytes;
    /**
     * The owner's subscribe permission when it denies some of the subjects this subscription matches
     * (a wildcard overlapping a deny entry), so that those messages are not delivered; null otherwise.
     */
    private final SubjectPermission deliveryFilter;
    /** Messages handed to the owner so far. */
    private final AtomicLong delivered = new AtomicLong();
    /** Auto-unsubscribe limit; -1 when unlimited. Written by the owner's thread, read by publishers. */
    private volatile long max = -1;
    /**
     * MSG prefix for the latest subject delivered; publishers on any thread may replace it. Plain
     * field on purpose: the holder's fields are final, so a racing reader sees a complete one or rebuilds.
     */
    private CachedPrefix prefix;

    private record CachedPrefix(PublishedSubject subject, boolean headers, byte[] bytes) {
    }

    BrokerSubscription(BrokerClient owner, String subject, String queue, String sid) {
        this(owner, subject, queue, sid, null);
    }

    BrokerSubscription(BrokerClient owner, String subject, String queue, String sid,
                       SubjectPermission deliveryFilter) {
        this.owner = owner;
        this.deliveryFilter = deliveryFilter;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.sidBytes = sid.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the owner's permissions deny it messages published to {@code subject}. */
    boolean denies(PublishedSubject subject) {
        return deliveryFilter != null && deliveryFilter.deniesMessage(subject.text);
    }

    /** Sets the auto-unsubscribe limit; returns whether the limit is already reached. */
    boolean limitTo(long maxMessages) {
        max = maxMessages;
        return maxMessages >= 0 && delivered.get() >= maxMessages;
    }

    /** Whether the limit is reached, so that a queue group should pick another member. */
    boolean exhausted() {
        long limit = max;
        return limit >= 0 && delivered.get() >= limit;
    }

    /**
     * Claims the right to deliver one more message. Returns -1 when the limit is already reached,
     * otherwise the number of messages delivered including this one.
     */
    long claimDelivery() {
        long limit = max;
        if (limit < 0) {
            return delivered.incrementAndGet();
        }
        while (true) {
            long current = delivered.get();
            if (current >= limit) {
                return -1;
            }
            if (delivered.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    /** {@code MSG <subject> <sid> } (or HMSG) for a message published to {@code subject}. */
    byte[] messagePrefix(PublishedSubject subject, boolean headers) {
        CachedPrefix cached = prefix;
        if (cached != null && cached.subject == subject && cached.headers == headers) {
            return cached.bytes;
        }
        byte[] bytes = MessageEncoder.prefix(subject, sidBytes, headers);
        prefix = new CachedPrefix(subject, headers, bytes);
        return bytes;
    }

    /** Whether delivery number {@code count} was the last one allowed. */
    boolean isLast(long count) {
        long limit = max;
        return limit >= 0 && count >= limit;
    }

    @Override
    public String toString() {
        return "sub[" + sid + " " + subject + (queue == null ? "" : " " + queue) + "]";
    }
}
