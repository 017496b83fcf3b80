package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.jms.destination.NatsChannelDestination;
import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.jms.destination.StartPositionSpec;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.pb.SubscriptionRecord;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSubscription;
import io.natsjms.stan.StartPosition;
import io.natsjms.stan.SubscriptionSpec;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the JMS kinds of consumer into STAN subscriptions (docs/architecture.md, "JMS ⇄ STAN mapping"): topics
 * subscribe from new messages, queues join their durable queue group (with the consumer's selector, which
 * the server evaluates: a message goes only to a member that selects it), durable subscribers are STAN
 * durables of the client ID, shared subscriptions are (durable) queue groups.
 */
final class ConsumerPlans {

    /** The durable name of shared durable subscriptions' queue groups. */
    static final String SHARED_DURABLE_NAME = "natsjms-shared";

    private ConsumerPlans() {
    }

    /** A plain consumer of a topic, queue or temporary destination. */
    static ConsumerPlan plain(NatsConnection connection, NatsDestination destination, MessageSelector selector,
                              boolean noLocal) {
        if (destination.isTemporary()) {
            return new ConsumerPlan(destination, selector, noLocal, null, null);
        }
        NatsChannelDestination channel = (NatsChannelDestination) destination;
        SubscriptionSpec spec = base(connection, channel.name());
        if (channel instanceof NatsChannelQueue queue) {
            spec = position(spec.withQueueGroup(QueueGroups.group(queue)).withDurableName(QueueGroups.durableName(queue)),
                    channel, StartPosition.FIRST).withSelector(selector == null ? null : selector.text());
        } else {
            spec = position(spec, channel, StartPosition.NEW_ONLY);
        }
        return new ConsumerPlan(destination, selector, noLocal, spec, null);
    }

    /** An unshared durable subscription {@code name} of the connection's client ID. */
    static ConsumerPlan durable(NatsConnection connection, NatsChannelTopic topic, String name, MessageSelector selector,
                                boolean noLocal) throws JMSException {
        requireName(name);
        SubscriptionRegistry registry = connection.registry();
        SubscriptionRecord wanted = record(name, topic, selector, noLocal, false);
        String key = connection.shared().claim(name);
        try {
            reconcile(connection, registry, wanted);
        } catch (JMSException | RuntimeException e) {
            connection.shared().leave(key);
            throw e;
        }
        SubscriptionSpec spec = position(base(connection, topic.name()).withDurableName(name), topic, StartPosition.NEW_ONLY);
        return new ConsumerPlan(topic, selector, noLocal, spec, key);
    }

    /** A shared (durable or not) subscription {@code name}: a queue group on the topic's channel. */
    static ConsumerPlan shared(NatsConnection connection, NatsChannelTopic topic, String name, MessageSelector selector,
                               boolean durable) throws JMSException {
        requireName(name);
        String clientId = connection.scopedClientId();
        String key = connection.shared().join(name, topic.name(), selector == null ? null : selector.text(), durable);
        try {
            if (durable) {
                reconcile(connection, connection.durableRegistry(), record(name, topic, selector, false, true));
            }
        } catch (JMSException | RuntimeException e) {
            connection.shared().leave(key);
            throw e;
        }
        String group = clientId == null ? name : clientId + "." + name;
        SubscriptionSpec spec = base(connection, topic.name()).withQueueGroup(group);
        if (durable) {
            spec = spec.withDurableName(SHARED_DURABLE_NAME);
        }
        return new ConsumerPlan(topic, selector, false, position(spec, topic, StartPosition.NEW_ONLY), key);
    }

    /** Deletes durable subscription {@code name} of the connection's client ID. */
    static void unsubscribe(NatsConnection connection, String name) throws JMSException {
        requireName(name);
        if (connection.shared().isDurableActive(name)) {
            throw new IllegalStateException("unsubscribe(\"" + name + "\"): the subscription has an active consumer"
                    + " (expected: close it first)");
        }
        SubscriptionRegistry registry = connection.durableRegistry();
        SubscriptionRecord existing = registry.get(name).orElseThrow(() -> new InvalidDestinationException(
                "unsubscribe(\"" + name + "\"): no durable subscription of that name "
                        + (connection.jmsClientId() == null ? "without a client ID"
                        : "for client ID \"" + connection.jmsClientId() + "\"")));
        deleteOnServer(connection, existing);
        registry.remove(name);
    }

    /** Makes the registry say {@code wanted}: an existing subscription of the name with other settings is deleted first. */
    private static void reconcile(NatsConnection connection, SubscriptionRegistry registry, SubscriptionRecord wanted)
            throws JMSException {
        Optional<SubscriptionRecord> existing = registry.get(wanted.getName());
        if (existing.isPresent() && existing.get().equals(wanted)) {
            return;
        }
        if (existing.isPresent() && existing.get().getShared() != wanted.getShared()) {
            throw new JMSException("durable subscription \"" + wanted.getName() + "\" exists as a "
                    + (existing.get().getShared() ? "shared" : "unshared") + " one on topic " + existing.get().getChannel()
                    + " (expected: a name no " + (existing.get().getShared() ? "shared" : "unshared")
                    + " durable subscription uses, or unsubscribe it first)");
        }
        if (existing.isPresent()) {
            deleteOnServer(connection, existing.get());
        }
        registry.put(wanted);
    }

    private static void deleteOnServer(NatsConnection connection, SubscriptionRecord record) throws JMSException {
        SubscriptionSpec spec = SubscriptionSpec.of(record.getChannel());
        if (record.getShared()) {
            String clientId = connection.scopedClientId();
            spec = spec.withQueueGroup(clientId == null ? record.getName() : clientId + "." + record.getName())
                    .withDurableName(SHARED_DURABLE_NAME);
        } else {
            spec = spec.withDurableName(record.getName());
        }
        try {
            StanSubscription subscription = connection.stan().subscribe(spec, (s, m) -> { });
            subscription.unsubscribe();
        } catch (StanException e) {
            throw JmsExceptions.of("delete durable subscription \"" + record.getName() + "\" on channel "
                    + record.getChannel(), e);
        }
    }

    private static SubscriptionRecord record(String name, NatsChannelTopic topic, MessageSelector selector, boolean noLocal,
                                             boolean shared) {
        return SubscriptionRecord.newBuilder().setName(name).setChannel(topic.name())
                .setSelector(selector == null || selector.text() == null ? "" : selector.text()).setNoLocal(noLocal).setShared(shared).build();
    }

    private static void requireName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("subscription name: " + (name == null ? "null" : "\"\"")
                    + " (expected: a non-empty name)");
        }
    }

    private static SubscriptionSpec base(NatsConnection connection, String channel) {
        ProviderConfig config = connection.config();
        return SubscriptionSpec.of(channel).withMaxInFlight(config.maxInFlight()).withAckWait(config.ackWait());
    }

    /** Applies the destination's startPosition option, else {@code fallback}. */
    private static SubscriptionSpec position(SubscriptionSpec spec, NatsChannelDestination destination,
                                             StartPosition fallback) {
        StartPositionSpec option = destination.startPosition().orElse(null);
        if (option == null) {
            return spec.starting(fallback);
        }
        return switch (option.kind()) {
            case NEW_ONLY -> spec.starting(StartPosition.NEW_ONLY);
            case LAST_RECEIVED -> spec.starting(StartPosition.LAST_RECEIVED);
            case FIRST -> spec.starting(StartPosition.FIRST);
            case SEQUENCE -> spec.startingAtSequence(option.sequence());
            case TIME -> spec.startingAtTime(option.time());
            case TIME_AGO -> spec.startingAtTime(Instant.now().minus(Objects.requireNonNull(option.ago())));
        };
    }
}
