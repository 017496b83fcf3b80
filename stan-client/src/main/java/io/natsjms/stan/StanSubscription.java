package io.natsjms.stan;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A live STAN subscription, made by {@link StanConnection#subscribe}. Thread-safe: acks, close and
 * unsubscribe may come from any thread, including the handler's.
 */
public final class StanSubscription {

    /** The longest an ack queued by {@link #ackLater} waits to be sent. */
    public static final Duration ACK_DELAY = Duration.ofMillis(10);
    /** The most acks sent in one batch. */
    static final int MAX_BATCH = 256;

    private final SubscriptionOwner owner;
    private final SubscriptionSpec spec;
    /** Where the server delivers this subscription's messages. */
    private final String inbox;
    /** Where this subscription's Acks go (chosen by the server). */
    private final String ackInbox;
    /** Set once by close, unsubscribe, or the connection closing; never cleared. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Acks queued by {@link #ackLater} and not sent yet. */
    private final AckQueue queuedAcks = new AckQueue();
    /** How many queued acks make {@link #ackLater} send them at once: a quarter of the window, at most {@link #MAX_BATCH}. */
    private final int batchSize;

    StanSubscription(SubscriptionOwner owner, SubscriptionSpec spec, String inbox, String ackInbox) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.ackInbox = Objects.requireNonNull(ackInbox, "ackInbox");
        this.batchSize = Math.max(1, Math.min(MAX_BATCH, spec.maxInFlight() / 4));
    }

    /** What was subscribed. */
    public SubscriptionSpec spec() {
        return spec;
    }

    /** The channel. */
    public String channel() {
        return spec.channel();
    }

    /** Whether messages are still delivered (neither closed nor unsubscribed, connection open). */
    public boolean isActive() {
        return !ended.get();
    }

    /**
     * Acknowledges the message with {@code sequence}, so the server does not redeliver it. Acks are
     * fire-and-forget: the server sends no reply.
     *
     * @throws StanException CLOSED if the subscription ended, IO if NATS is reconnecting
     */
    public void ack(long sequence) throws StanException {
        if (ended.get()) {
            throw new StanException(StanException.Kind.CLOSED, "subscription to channel \"" + channel()
                    + "\" is closed: cannot ack sequence " + sequence);
        }
        owner.ack(this, sequence);
    }

    /**
     * Acknowledges the message with {@code sequence} together with others: the ack is queued and sent
     * with the acks queued before and after it, in one request when the server has the natsjms ack
     * batch extension (one Ack each otherwise). The queue is sent once it holds a quarter of the max in
     * flight (at most {@value #MAX_BATCH}), by {@link #flushAcks()}, by {@link #close()} and {@link
     * #unsubscribe()}, by the connection's close, and at the latest {@link #ACK_DELAY} after an ack was
     * queued. Like {@link #ack}, nothing confirms it: should the client die before the queue is sent,
     * the server redelivers those messages after their ack wait.
     *
     * @throws StanException CLOSED if the subscription ended; IO if NATS is reconnecting when the queue
     *                       is sent here (the acks are not sent then: the server redelivers)
     */
    public void ackLater(long sequence) throws StanException {
        if (ended.get()) {
            throw new StanException(StanException.Kind.CLOSED, "subscription to channel \"" + channel()
                    + "\" is closed: cannot ack sequence " + sequence);
        }
        int queued = queuedAcks.add(sequence);
        if (queued >= batchSize) {
            flushAcks();
        } else if (queued == 1) {
            owner.flushAcksLater(this);
        }
    }

    /**
     * Acknowledges {@code sequence} and every ack queued by {@link #ackLater} now, together: for the
     * last of a run of messages, when no more acks follow soon.
     *
     * @throws StanException CLOSED if the subscription ended; IO if NATS is reconnecting (the acks are not
     *                       sent: the server redelivers)
     */
    public void ackWithQueued(long sequence) throws StanException {
        if (ended.get()) {
            throw new StanException(StanException.Kind.CLOSED, "subscription to channel \"" + channel()
                    + "\" is closed: cannot ack sequence " + sequence);
        }
        queuedAcks.add(sequence);
        sendQueuedAcks();
    }

    /**
     * Sends the acks queued by {@link #ackLater} now. Does nothing once the subscription ended (the
     * server redelivers what was not acknowledged).
     *
     * @throws StanException IO if NATS is reconnecting (the acks are not sent: the server redelivers)
     */
    public void flushAcks() throws StanException {
        if (!ended.get()) {
            sendQueuedAcks();
        }
    }

    private void sendQueuedAcks() throws StanException {
        long[] sequences = queuedAcks.takeAll();
        if (sequences.length > 0) {
            owner.ackBatch(this, sequences);
        }
    }

    /**
     * Stops delivery and closes the subscription on the server, which keeps a durable (and a durable
     * queue group) with its position, to be resumed by subscribing again with the same durable name.
     * A non-durable subscription is removed. Does nothing if the subscription already ended.
     *
     * @throws StanException SERVER_ERROR with the server's string, TIMEOUT, CLOSED if the connection closed
     *                       meanwhile
     */
    public void close() throws StanException {
        if (ended.compareAndSet(false, true)) {
            sendQueuedAcksQuietly();
            owner.release(this, false);
        }
    }

    /**
     * Stops delivery and removes the subscription on the server, deleting a durable (a durable queue
     * group goes when its last member leaves). Does nothing if the subscription already ended.
     *
     * @throws StanException SERVER_ERROR with the server's string, TIMEOUT, CLOSED if the connection closed
     *                       meanwhile
     */
    public void unsubscribe() throws StanException {
        if (ended.compareAndSet(false, true)) {
            sendQueuedAcksQuietly();
            owner.release(this, true);
        }
    }

    /** Sends the queued acks before the subscription goes; acks that cannot be sent are the server's to redeliver. */
    private void sendQueuedAcksQuietly() {
        try {
            sendQueuedAcks();
        } catch (StanException e) {
            System.getLogger(StanSubscription.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "queued acks of " + this + " not sent: " + e.getMessage());
        }
    }

    /** The connection closes: its queued acks go first (the subscription still counts as active). */
    void flushBeforeClose() {
        if (!ended.get()) {
            sendQueuedAcksQuietly();
        }
    }

    String inbox() {
        return inbox;
    }

    String ackInbox() {
        return ackInbox;
    }

    /**
     * The acknowledgement of {@code sequence} as a transaction branch carries it ({@link StanTransactions}):
     * it takes effect when the branch commits, and not at all when it rolls back.
     */
    public io.natsjms.protocol.ext.TxAck txAck(long sequence) {
        return io.natsjms.protocol.ext.TxAck.newBuilder().setChannel(channel()).setAckInbox(ackInbox)
                .setSequence(sequence).build();
    }

    /** Marks the subscription ended without telling the server (the connection is closing). */
    void markEnded() {
        ended.set(true);
    }

    @Override
    public String toString() {
        return "StanSubscription[channel=" + channel() + ", queueGroup=" + spec.queueGroup()
                + ", durableName=" + spec.durableName() + ", active=" + isActive() + "]";
    }
}
