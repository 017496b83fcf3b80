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

    /** Registers one more consumer of {@code name}, or refuses a mismatch. */
    synchronized void join(String name, String channel, String selector, boolean durable) throws JMSException {
        Active current = active.get(name);
        if (current == null) {
            active.put(name, new Active(channel, selector, durable, 1));
            return;
        }
        if (current.durable != durable || !current.channel.equals(channel) || !Objects.equals(current.selector, selector)) {
            throw new JMSException("shared subscription \"" + name + "\" is active on topic " + current.channel
                    + (current.selector != null ? " with selector \"" + current.selector + "\"" : "")
                    + (current.durable ? " (durable)" : "") + " (expected: the same topic, selector and durability,"
                    + " or close its consumers first)");
        }
        active.put(name, new Active(channel, selector, durable, current.consumers + 1));
    }

    /** Registers the only consumer of unshared durable subscription {@code name}, or refuses a second one. */
    synchronized void claim(String name) throws JMSException {
        if (active.containsKey(name)) {
            throw new jakarta.jms.IllegalStateException("durable subscription \"" + name + "\" already has an active"
                    + " consumer (expected: one consumer per unshared durable subscription)");
        }
        active.put(name, new Active("", null, true, 1));
    }

    /** One consumer of {@code name} closed. */
    synchronized void leave(String name) {
        active.computeIfPresent(name, (key, current) ->
                current.consumers <= 1 ? null : new Active(current.channel, current.selector, current.durable,
                        current.consumers - 1));
    }

    /** Whether {@code name} has an active consumer in this connection. */
    synchronized boolean isActive(String name) {
        return active.containsKey(name);
    }
}
