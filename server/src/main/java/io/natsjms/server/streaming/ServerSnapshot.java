package io.natsjms.server.streaming;

import io.natsjms.store.StoreLimits;
import java.time.Instant;
import java.util.List;

/**
 * What the server holds at one moment, for monitoring.
 *
 * @param clusterId  the cluster ID
 * @param serverId   this server's unique ID
 * @param storeType  the store's name ({@code memory}, {@code mapdb})
 * @param startTime  when the server started
 * @param limits     the store limits in force
 * @param inMsgs     publishes received
 * @param inBytes    their encoded size
 * @param outMsgs    messages sent to subscribers, redeliveries included
 * @param outBytes   their encoded size
 * @param redeliveredMsgs redeliveries among the messages sent
 * @param clients    registered clients, sorted by ID
 * @param channels   channels, sorted by name
 * @param prepared   prepared transaction branches (XA), the oldest first
 */
public record ServerSnapshot(String clusterId, String serverId, String storeType, Instant startTime,
                             StoreLimits limits, long inMsgs, long inBytes, long outMsgs, long outBytes,
                             long redeliveredMsgs, List<ClientView> clients, List<ChannelView> channels,
                             List<PreparedView> prepared) {

    public ServerSnapshot {
        clients = List.copyOf(clients);
        channels = List.copyOf(channels);
        prepared = List.copyOf(prepared);
    }

    /**
     * A prepared transaction branch, which holds its acknowledged messages until a transaction manager
     * commits or rolls it back.
     *
     * @param xid        the branch as {@code formatId:globalId:branchId}, the two byte strings in hex
     * @param preparedAt when it was prepared
     * @param sends      messages it will append
     * @param acks       acknowledgements it will apply
     */
    public record PreparedView(String xid, Instant preparedAt, int sends, int acks) {
    }

    /** A registered client with its online subscriptions. */
    public record ClientView(String id, String hbInbox, List<SubscriptionView> subscriptions) {
        public ClientView {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** A channel with its message counts and all its subscriptions (offline ones and shadows included). */
    public record ChannelView(String name, long msgs, long bytes, long firstSeq, long lastSeq,
                              List<SubscriptionView> subscriptions) {
        public ChannelView {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /**
     * One subscription.
     *
     * @param queueName the group name; {@code durable:group} for a durable group; empty for none
     */
    public record SubscriptionView(String channel, String clientId, String inbox, String ackInbox,
                                   String durableName, String queueName, boolean durable, boolean offline,
                                   int maxInFlight, int ackWaitSeconds, long lastSent, int pendingCount,
                                   boolean stalled) {
    }
}
