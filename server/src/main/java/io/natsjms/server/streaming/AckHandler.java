package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.Ack;
import java.lang.System.Logger.Level;

/**
 * Acks from subscribers, arriving on the subscriptions' ack inboxes. Nothing is ever replied.
 * Owned by the engine loop.
 */
final class AckHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(AckHandler.class.getName());

    private final ChannelRegistry channels;
    private final Commits commits;
    private final Delivery delivery;
    private final Redelivery redelivery;

    AckHandler(ChannelRegistry channels, Commits commits, Delivery delivery, Redelivery redelivery) {
        this.channels = channels;
        this.commits = commits;
        this.delivery = delivery;
        this.redelivery = redelivery;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        Ack ack;
        try {
            ack = Codec.decode(Ack.parser(), data, "Ack", subject);
        } catch (ProtocolException e) {
            LOG.log(Level.DEBUG, e.getMessage());
            return;
        }
        Channel channel = channels.get(ack.getSubject());
        if (channel == null) {
            LOG.log(Level.DEBUG, () -> "ack for unknown channel \"" + ack.getSubject() + "\" dropped");
            return;
        }
        Subscription sub = channel.byAckInbox.get(subject);
        if (sub == null) {
            LOG.log(Level.DEBUG, () -> "ack on unknown ack inbox " + subject + " dropped");
            return;
        }
        ack(sub, ack.getSequence());
    }

    /**
     * Applies the ack of {@code sequence} arriving for {@code sub}: stored (committed lazily) on the
     * member it is pending on, which may take more then.
     *
     * @return whether the sequence was pending (and is acknowledged now)
     */
    boolean ack(Subscription sub, long sequence) {
        Subscription owner = ackQuietly(sub, sequence);
        if (owner == null) {
            return false;
        }
        delivery.unstallIfBelowMax(owner);
        return true;
    }

    /**
     * {@link #ack} without sending anything yet: the caller unstalls the returned owner once it applied
     * all its acks, so that the room they make is filled by one burst rather than message by message.
     *
     * @return the member the sequence was pending on, or {@code null} when it was not pending
     */
    Subscription ackQuietly(Subscription sub, long sequence) {
        Subscription owner = owner(sub, sequence);
        if (owner == null) {
            return null;
        }
        owner.channel.store.subscriptions().ackPending(owner.id, sequence);
        commits.commitSoon();
        released(owner, sequence);
        return owner;
    }

    /**
     * The engine's side of an ack whose store side ({@code ackPending} on {@code owner}) is written:
     * the message is no longer pending, and the subscription may take more.
     */
    void acked(Subscription owner, long sequence) {
        released(owner, sequence);
        delivery.unstallIfBelowMax(owner);
    }

    private void released(Subscription owner, long sequence) {
        owner.pending.remove(sequence);
        owner.clearRedeliveryCount(sequence);
        if (owner.pending.isEmpty()) {
            redelivery.cancel(owner);
        }
    }

    /** Lets the member take more after acks applied by {@link #ackQuietly}. */
    void unstall(Subscription owner) {
        delivery.unstallIfBelowMax(owner);
    }

    /**
     * The subscription the sequence is pending on: the acking one, or another member of its group;
     * {@code null} when it is pending on neither.
     */
    static Subscription owner(Subscription sub, long sequence) {
        if (sub.pending.containsKey(sequence)) {
            return sub;
        }
        if (sub.group != null) {
            for (Subscription member : sub.group.members) {
                if (member.pending.containsKey(sequence)) {
                    return member;
                }
            }
        }
        return null;
    }
}
