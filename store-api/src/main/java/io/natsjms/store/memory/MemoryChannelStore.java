package io.natsjms.store.memory;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageStore;
import io.natsjms.store.SubscriptionStore;
import java.util.function.LongSupplier;

/** One channel of the memory store: its limits, message log and subscriptions. */
final class MemoryChannelStore implements ChannelStore {

    private final String name;
    private final ChannelLimits limits;
    private final MemoryMessageStore messages;
    private final MemorySubscriptionStore subscriptions;

    MemoryChannelStore(String name, ChannelLimits limits, OpenGuard guard, LongSupplier wallClockNanos) {
        this.name = name;
        this.limits = limits;
        LimitEnforcer enforcer = new LimitEnforcer(name, limits);
        this.messages = new MemoryMessageStore(enforcer, guard, wallClockNanos);
        this.subscriptions = new MemorySubscriptionStore(name, enforcer, guard);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelLimits limits() {
        return limits;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return "MemoryChannelStore[" + name + "]";
    }
}
