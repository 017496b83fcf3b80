package io.natsjms.store.jetstream;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageStore;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.jetstream.pb.ChannelEntry;
import java.util.function.LongSupplier;

/** One channel: its entry in the state bucket, its stream, its messages and subscriptions. */
final class JetStreamChannelStore implements ChannelStore {

    private final String name;
    private final String id;
    private final ChannelLimits limits;
    private final ChannelStream stream;
    private final JetStreamMessageStore messages;
    private final JetStreamSubscriptionStore subscriptions;
    /** Whether the stream exists (created, or found at recovery). */
    private volatile boolean streamReady;

    JetStreamChannelStore(String name, String id, ChannelLimits limits, ChannelStream stream, StoreGuard guard,
                          Changes changes, LongSupplier wallClockNanos, long cacheBudget) {
        this.name = name;
        this.id = id;
        this.limits = limits;
        this.stream = stream;
        LimitEnforcer enforcer = new LimitEnforcer(name, limits);
        this.messages = new JetStreamMessageStore(this, enforcer, guard, wallClockNanos, cacheBudget);
        this.subscriptions = new JetStreamSubscriptionStore(this, enforcer, guard, changes);
    }

    @Override
    public String name() {
        return name;
    }

    /** The unique ID naming the channel's stream and keys. */
    String id() {
        return id;
    }

    String key() {
        return "channel." + id;
    }

    @Override
    public ChannelLimits limits() {
        return limits;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    JetStreamMessageStore messageStore() {
        return messages;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    JetStreamSubscriptionStore subscriptionStore() {
        return subscriptions;
    }

    ChannelStream stream() {
        return stream;
    }

    boolean streamReady() {
        return streamReady;
    }

    void markStreamReady() {
        streamReady = true;
    }

    /** The channel's entry in the state bucket as it is now. */
    byte[] entry() {
        return ChannelEntry.newBuilder().setName(name).setId(id).setLastSubId(subscriptions.lastId())
                .build().toByteArray();
    }

    @Override
    public String toString() {
        return "JetStreamChannelStore[" + name + ", " + stream.name() + "]";
    }
}
