package io.natsjms.jms;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.jms.pb.SubscriptionRecord;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSubscription;
import io.natsjms.stan.StartPosition;
import io.natsjms.stan.SubscriptionSpec;
import jakarta.jms.JMSException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JMS facts about a client ID's durable subscriptions that STAN does not keep (which topic a name
 * belongs to, its selector and noLocal), kept as records in the provider-owned channel
 * {@code _natsjms.subs.<clientID>}. STAN lets only one connection hold a client ID at a time, so the
 * connection that loaded the records is their only writer and its in-memory copy stays current.
 */
final class SubscriptionRegistry {

    private static final System.Logger LOG = System.getLogger(SubscriptionRegistry.class.getName());
    static final String CHANNEL_PREFIX = "_natsjms.subs.";
    static final String SHARED_CHANNEL = "_natsjms.shared";

    private final StanConnection stan;
    private final String channel;
    private final Map<String, SubscriptionRecord> records = new ConcurrentHashMap<>();

    private SubscriptionRegistry(StanConnection stan, String channel) {
        this.stan = stan;
        this.channel = channel;
    }

    /**
     * Reads every record of {@code clientId}: replays the channel from its first message up to a marker
     * published after subscribing.
     */
    static SubscriptionRegistry load(StanConnection stan, String clientId, Duration timeout) throws JMSException {
        return loadChannel(stan, CHANNEL_PREFIX + clientId, clientId, timeout);
    }

    /**
     * The records of shared durable subscriptions made without a client ID, in {@value #SHARED_CHANNEL}.
     * Any connection may write there, so the copy is only current right after loading.
     */
    static SubscriptionRegistry loadShared(StanConnection stan, Duration timeout) throws JMSException {
        return loadChannel(stan, SHARED_CHANNEL, "(none)", timeout);
    }

    private static SubscriptionRegistry loadChannel(StanConnection stan, String channel, String clientId,
                                                    Duration timeout) throws JMSException {
        SubscriptionRegistry registry = new SubscriptionRegistry(stan, channel);
        String nonce = StanConnection.newGuid();
        CountDownLatch synced = new CountDownLatch(1);
        StanSubscription replay = null;
        try {
            replay = stan.subscribe(SubscriptionSpec.of(registry.channel).starting(StartPosition.FIRST),
                    (subscription, message) -> {
                        registry.apply(message.payload(), nonce, synced);
                        ackQuietly(subscription, message.sequence());
                    });
            stan.publishSync(registry.channel, SubscriptionRecord.newBuilder().setSyncNonce(nonce).build().toByteArray());
            if (!synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JMSException("reading the subscription records of client \"" + clientId + "\" from channel \""
                        + registry.channel + "\" took more than " + timeout);
            }
            return registry;
        } catch (StanException e) {
            throw JmsExceptions.of("read the subscription records of client \"" + clientId + "\"", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while reading the subscription records of client \"" + clientId + "\"");
        } finally {
            if (replay != null) {
                try {
                    replay.close();
                } catch (StanException e) {
                    LOG.log(Level.DEBUG, "closing the registry replay: {0}", e.getMessage());
                }
            }
        }
    }

    private void apply(ByteString data, String nonce, CountDownLatch synced) {
        try {
            SubscriptionRecord record = SubscriptionRecord.parseFrom(data);
            if (!record.getSyncNonce().isEmpty()) {
                if (record.getSyncNonce().equals(nonce)) {
                    synced.countDown();
                }
            } else if (record.getDeleted()) {
                records.remove(record.getName());
            } else {
                records.put(record.getName(), record);
            }
        } catch (InvalidProtocolBufferException e) {
            LOG.log(Level.WARNING, "channel {0}: skipping a record that is not a subscription record: {1}",
                    channel, e.getMessage());
        }
    }

    private static void ackQuietly(StanSubscription subscription, long sequence) {
        try {
            subscription.ack(sequence);
        } catch (StanException e) {
            LOG.log(Level.DEBUG, "registry ack: {0}", e.getMessage());
        }
    }

    Optional<SubscriptionRecord> get(String name) {
        return Optional.ofNullable(records.get(name));
    }

    /** Stores {@code record} (replacing the one of its name), durably. */
    void put(SubscriptionRecord record) throws JMSException {
        write(record);
        records.put(record.getName(), record);
    }

    /** Forgets {@code name}, durably. */
    void remove(String name) throws JMSException {
        write(SubscriptionRecord.newBuilder().setName(name).setDeleted(true).build());
        records.remove(name);
    }

    private void write(SubscriptionRecord record) throws JMSException {
        try {
            stan.publishSync(channel, record.toByteArray());
        } catch (StanException e) {
            throw JmsExceptions.of("store subscription record \"" + record.getName() + "\"", e);
        }
    }
}
