package io.natsjms.jms.jndi;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.jms.NatsXAConnectionFactory;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import jakarta.jms.InvalidDestinationException;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * The names a {@link NatsInitialContextFactory} context serves, read from its environment:
 * <ul>
 *   <li>{@code connectionFactory.<name>=<url>} binds a {@link NatsConnectionFactory};</li>
 *   <li>{@code xaConnectionFactory.<name>=<url>} binds a {@link NatsXAConnectionFactory} (XA transactions);</li>
 *   <li>{@code ConnectionFactory} is bound to a factory for {@link Context#PROVIDER_URL} (or
 *       {@code nats://localhost:4222}) unless the environment binds that name itself;</li>
 *   <li>{@code topic.<name>=<channel>} and {@code queue.<name>=<channel>} bind a {@link NatsChannelTopic} or
 *       {@link NatsChannelQueue} (the channel may carry options, {@code orders?startPosition=first});</li>
 *   <li>{@code dynamicTopics/<channel>} and {@code dynamicQueues/<channel>} are not bound but looked up
 *       on the fly.</li>
 * </ul>
 */
final class JndiBindings {

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String XA_CONNECTION_FACTORY_PREFIX = "xaConnectionFactory.";
    static final String TOPIC_PREFIX = "topic.";
    static final String QUEUE_PREFIX = "queue.";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";
    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DEFAULT_CONNECTION_FACTORY = "ConnectionFactory";

    /** Bound name → object, sorted by name. */
    private final Map<String, Object> bound;

    private JndiBindings(Map<String, Object> bound) {
        this.bound = Collections.unmodifiableMap(bound);
    }

    /**
     * Reads the bindings of {@code environment}; entries with other keys are ignored.
     *
     * @throws NamingException naming the entry whose value is not a valid URL or destination (the
     *                         {@link InvalidDestinationException} or {@link IllegalArgumentException}
     *                         is its cause), or a name bound twice
     */
    static JndiBindings from(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Object> bound = new TreeMap<>();
        Map<String, String> boundBy = new TreeMap<>();
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                continue;
            }
            String prefix = prefixOf(key);
            if (prefix == null) {
                continue;
            }
            String name = key.substring(prefix.length());
            if (name.isBlank()) {
                throw new NamingException(key + ": no name (expected: " + prefix + "<name>)");
            }
            if (!(entry.getValue() instanceof String value)) {
                throw new NamingException(key + ": a " + entry.getValue().getClass().getName()
                        + " (expected: a String)");
            }
            String previous = boundBy.put(name, key);
            if (previous != null) {
                throw new NamingException("name \"" + name + "\": bound by both " + previous + " and " + key
                        + " (expected: one binding per name)");
            }
            bound.put(name, create(key, prefix, value.trim()));
        }
        if (!bound.containsKey(DEFAULT_CONNECTION_FACTORY)) {
            Object url = environment.get(Context.PROVIDER_URL);
            bound.put(DEFAULT_CONNECTION_FACTORY, url == null
                    ? new NatsConnectionFactory()
                    : create(Context.PROVIDER_URL, CONNECTION_FACTORY_PREFIX, url.toString().trim()));
        }
        return new JndiBindings(bound);
    }

    private static String prefixOf(String key) {
        for (String prefix : new String[] {CONNECTION_FACTORY_PREFIX, XA_CONNECTION_FACTORY_PREFIX, TOPIC_PREFIX,
                QUEUE_PREFIX}) {
            if (key.startsWith(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static Object create(String key, String prefix, String value) throws NamingException {
        try {
            switch (prefix) {
                case TOPIC_PREFIX:
                    return new NatsChannelTopic(value);
                case QUEUE_PREFIX:
                    return new NatsChannelQueue(value);
                case XA_CONNECTION_FACTORY_PREFIX:
                    return new NatsXAConnectionFactory(value);
                default:
                    return new NatsConnectionFactory(value);
            }
        } catch (InvalidDestinationException | IllegalArgumentException e) {
            throw failure(key + ": " + e.getMessage(), e);
        }
    }

    /** The names bound (without the dynamic ones) and their objects, sorted by name. */
    Map<String, Object> bound() {
        return bound;
    }

    /**
     * The object bound to {@code name}, or the destination a dynamic name stands for.
     *
     * @throws NameNotFoundException naming {@code name} when it is neither bound nor dynamic
     * @throws NamingException       when the channel of a dynamic name is invalid (caused by the
     *                               {@link InvalidDestinationException})
     */
    Object lookup(String name) throws NamingException {
        Object object = bound.get(name);
        if (object != null) {
            return object;
        }
        try {
            if (name.startsWith(DYNAMIC_TOPICS)) {
                return new NatsChannelTopic(name.substring(DYNAMIC_TOPICS.length()));
            }
            if (name.startsWith(DYNAMIC_QUEUES)) {
                return new NatsChannelQueue(name.substring(DYNAMIC_QUEUES.length()));
            }
        } catch (InvalidDestinationException e) {
            throw failure(name + ": " + e.getMessage(), e);
        }
        NameNotFoundException notFound = new NameNotFoundException("name \"" + name + "\": not bound (expected: one of "
                + bound.keySet() + ", or " + DYNAMIC_TOPICS + "<channel> or " + DYNAMIC_QUEUES + "<channel>)");
        notFound.setRemainingName(NatsNameParser.INSTANCE.parse(name));
        throw notFound;
    }

    private static NamingException failure(String message, Exception cause) {
        NamingException failure = new NamingException(message);
        failure.setRootCause(cause);
        return failure;
    }
}
