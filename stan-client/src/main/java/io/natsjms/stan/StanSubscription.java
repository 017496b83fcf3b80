package io.natsjms.stan;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A live STAN subscription, made by {@link StanConnection#subscribe}. Thread-safe: acks, close and
 * unsubscribe may come from any thread, including the handler's.
 */
public final class StanSubscription {

    private final SubscriptionOwner owner;
    private final SubscriptionSpec spec;
    /** Where the server delivers this subscription's messages. */
    private final String inbox;
    /** Where this subscription's Acks go (chosen by the server). */
    private final String ackInbox;
    /** Set once by close, unsubscribe, or the connection closing; never cleared. */
    private final AtomicBoolean ended = new AtomicBoolean();

    StanSubscription(SubscriptionOwner owner, SubscriptionSpec spec, String inbox, String ackInbox) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.ackInbox = Objects.requireNonNull(ackInbox, "ackInbox");
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
     * Stops delivery and closes the subscription on the server, which keeps a durable (and a durable
     * queue group) with its position, to be resumed by subscribing again with the same durable name.
     * A non-durable subscription is removed. Does nothing if the subscription already ended.
     *
     * @throws StanException SERVER_ERROR with the server's string, TIMEOUT, CLOSED if the connection closed
     *                       meanwhile
     */
    public void close() throws StanException {
        if (ended.compareAndSet(false, true)) {
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
            owner.release(this, true);
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
