package io.natsjms.jms;

import jakarta.jms.JMSException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shared subscriptions with active consumers in one connection, by name, so that a second consumer
 * on the same name but another topic or selector is refused as the specification requires. (Across
 * connections this holds per client ID by construction: STAN lets one connection hold a client ID.)
 */
final class SharedSubscriptions {

    private record Active(String channel, String selector, boolean durable, int consumers) {
    }

    private final Map<String, Active> active = new HashMap<>();

    /**
     * The key of subscription {@code name}: durable subscriptions (shared or not) share one namespace,
     * shared non-durable ones have another.
     */
    static String key(String name, boolean durable) {
        return (durable ? "durable:" : "shared:") + name;
    }

    /** Registers one more consumer of shared subscription {@code name}, or refuses a mismatch; returns its key. */
    synchronized String join(String name, String channel, String selector, boolean durable) throws JMSException {
        String key = key(name, durable);
        Active current = active.get(key);
        if (current == null) {
            active.put(key, new Active(channel, selector, durable, 1));
            return key;
        }
        if (current.channel.isEmpty()) {
            throw new JMSException("durable subscription \"" + name + "\" is active as an unshared one (expected:"
                    + " a name no unshared durable subscription uses)");
        }
        if (current.durable != durable || !current.channel.equals(channel) || !Objects.equals(current.selector, selector)) {
            throw new JMSException("shared subscription \"" + name + "\" is active on topic " + current.channel
                    + (current.selector != null ? " with selector \"" + current.selector + "\"" : "")
                    + (current.durable ? " (durable)" : "") + " (expected: the same topic, selector and durability,"
                    + " or close its consumers first)");
        }
        active.put(key, new Active(channel, selector, durable, current.consumers + 1));
        return key;
    }

    /** Registers the only consumer of unshared durable subscription {@code name}, or refuses a second one. */
    synchronized String claim(String name) throws JMSException {
        String key = key(name, true);
        if (active.containsKey(key)) {
            throw new jakarta.jms.IllegalStateException("durable subscription \"" + name + "\" already has an active"
                    + " consumer (expected: one consumer per unshared durable subscription)");
        }
        active.put(key, new Active("", null, true, 1));
        return key;
    }

    /** One consumer of the subscription with {@code key} closed. */
    synchronized void leave(String key) {
        active.computeIfPresent(key, (ignored, current) ->
                current.consumers <= 1 ? null : new Active(current.channel, current.selector, current.durable,
                        current.consumers - 1));
    }

    /** Whether durable subscription {@code name} has an active consumer in this connection. */
    synchronized boolean isDurableActive(String name) {
        return active.containsKey(key(name, true));
    }
}
