package io.natsjms.server.streaming;

import io.natsjms.store.MessageStoreStats;
import io.natsjms.store.spb.PreparedTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds {@link ServerSnapshot}s from the engine's state. Runs on the engine loop. */
final class Snapshots {

    private final Engine engine;
    private final String serverId;
    private final Instant startTime;

    Snapshots(Engine engine, String serverId, Instant startTime) {
        this.engine = engine;
        this.serverId = serverId;
        this.startTime = startTime;
    }

    ServerSnapshot take() {
        List<ServerSnapshot.ClientView> clients = new ArrayList<>();
        for (Client client : engine.clients.all()) {
            List<ServerSnapshot.SubscriptionView> subs = new ArrayList<>();
            for (Subscription sub : client.subscriptions) {
                subs.add(view(sub));
            }
            clients.add(new ServerSnapshot.ClientView(client.id(), client.info.getHbInbox(), subs));
        }
        clients.sort(Comparator.comparing(ServerSnapshot.ClientView::id));
        List<ServerSnapshot.ChannelView> channels = new ArrayList<>();
        for (Channel channel : engine.channels.all()) {
            List<ServerSnapshot.SubscriptionView> subs = new ArrayList<>();
            for (Subscription sub : channel.byId.values()) {
                subs.add(view(sub));
            }
            MessageStoreStats stats = channel.store.messages().stats();
            channels.add(new ServerSnapshot.ChannelView(channel.name, stats.count(), stats.bytes(),
                    stats.firstSequence(), stats.lastSequence(), subs));
        }
        channels.sort(Comparator.comparing(ServerSnapshot.ChannelView::name));
        EngineStats stats = engine.stats;
        return new ServerSnapshot(engine.config.clusterId(), serverId, engine.store.name(), startTime,
                engine.store.limits(), stats.inMsgs, stats.inBytes, stats.outMsgs, stats.outBytes, stats.redeliveredMsgs, clients,
                channels, prepared());
    }

    private List<ServerSnapshot.PreparedView> prepared() {
        List<ServerSnapshot.PreparedView> views = new ArrayList<>();
        for (PreparedTx tx : engine.prepared.all()) {
            long nanos = tx.getPreparedAt();
            views.add(new ServerSnapshot.PreparedView(BranchIds.text(tx.getId()),
                    Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)),
                    tx.getSendsCount(), tx.getAcksCount()));
        }
        return views;
    }

    private static ServerSnapshot.SubscriptionView view(Subscription sub) {
        String queueName = sub.group == null ? "" : sub.group.key;
        return new ServerSnapshot.SubscriptionView(sub.channel.name, sub.clientId, sub.inbox, sub.ackInbox,
                sub.durableName, queueName, sub.durable, sub.offline, sub.maxInFlight, sub.ackWaitSeconds,
                sub.group == null ? sub.lastSent : sub.group.lastSent, sub.pending.size(), sub.stalled);
    }
}
