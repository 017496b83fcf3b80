package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.ServerSnapshot.ChannelView;
import io.natsjms.server.streaming.ServerSnapshot.ClientView;
import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Maps one {@link ServerSnapshot} onto the monitoring response records, as of {@code now}. */
final class SnapshotMapper {

    private final ServerSnapshot snapshot;
    private final Instant now;

    SnapshotMapper(ServerSnapshot snapshot, Instant now) {
        this.snapshot = snapshot;
        this.now = now;
    }

    Serverz serverz(String version, String runtime, FileDescriptors fds) {
        return new Serverz(snapshot.clusterId(), snapshot.serverId(), version, runtime, Serverz.STANDALONE, now,
                snapshot.startTime(), Uptime.format(Duration.between(snapshot.startTime(), now)),
                snapshot.clients().size(), subscriptionCount(), snapshot.channels().size(), totalMsgs(),
                totalBytes(), snapshot.inMsgs(), snapshot.inBytes(), snapshot.outMsgs(), snapshot.outBytes(),
                fds.open(), fds.max(), snapshot.prepared().size());
    }

    /** Every subscription once: plain, offline durables, queue members and one per shadow group. */
    private int subscriptionCount() {
        return snapshot.channels().stream().mapToInt(c -> c.subscriptions().size()).sum();
    }

    private long totalMsgs() {
        return snapshot.channels().stream().mapToLong(ChannelView::msgs).sum();
    }

    private long totalBytes() {
        return snapshot.channels().stream().mapToLong(ChannelView::bytes).sum();
    }

    Storez storez() {
        return new Storez(snapshot.clusterId(), snapshot.serverId(), now,
                snapshot.storeType().toUpperCase(Locale.ROOT), limitsz(snapshot.limits()), totalMsgs(), totalBytes());
    }

    /** The defaults, and each override as it resolves (inherited fields filled in, unlimited as 0). */
    static Limitsz limitsz(StoreLimits limits) {
        ChannelLimits defaults = limits.channelDefaults();
        Map<String, ChannelLimitsz> channels = new TreeMap<>();
        for (String key : limits.overrides().keySet()) {
            channels.put(key, channelLimitsz(limits.forChannel(key)));
        }
        return new Limitsz(limits.maxChannels(), defaults.maxMsgs(), defaults.maxBytes(),
                defaults.maxAge().toNanos(), defaults.maxSubscriptions(), defaults.maxInactivity().toNanos(), channels);
    }

    private static ChannelLimitsz channelLimitsz(ChannelLimits limits) {
        return new ChannelLimitsz(limits.maxMsgs(), limits.maxBytes(), limits.maxAge().toNanos(),
                limits.maxSubscriptions(), limits.maxInactivity().toNanos());
    }

    Clientsz clientsz(Paging paging, boolean withSubs) {
        List<Clientz> page = new ArrayList<>();
        for (ClientView client : paging.page(snapshot.clients())) {
            page.add(clientz(client, withSubs));
        }
        return new Clientsz(snapshot.clusterId(), snapshot.serverId(), now, paging.offset(), paging.limit(),
                page.size(), snapshot.clients().size(), page);
    }

    Optional<Clientz> clientz(String id, boolean withSubs) {
        return snapshot.clients().stream().filter(c -> c.id().equals(id)).findFirst()
                .map(c -> clientz(c, withSubs));
    }

    private static Clientz clientz(ClientView client, boolean withSubs) {
        Map<String, List<Subscriptionz>> byChannel = null;
        if (withSubs) {
            byChannel = new LinkedHashMap<>();
            for (SubscriptionView sub : client.subscriptions()) {
                byChannel.computeIfAbsent(sub.channel(), k -> new ArrayList<>()).add(subscriptionz(sub));
            }
        }
        return new Clientz(client.id(), client.hbInbox(), client.subscriptions().size(), byChannel);
    }

    Channelsz channelsz(Paging paging, boolean withSubs) {
        List<ChannelView> page = paging.page(snapshot.channels());
        List<String> names = null;
        List<Channelz> channels = null;
        if (withSubs) {
            channels = page.stream().map(c -> channelz(c, true)).toList();
        } else {
            names = page.stream().map(ChannelView::name).toList();
        }
        return new Channelsz(snapshot.clusterId(), snapshot.serverId(), now, paging.offset(), paging.limit(),
                page.size(), snapshot.channels().size(), names, channels);
    }

    Optional<Channelz> channelz(String name, boolean withSubs) {
        return snapshot.channels().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> channelz(c, withSubs));
    }

    private static Channelz channelz(ChannelView channel, boolean withSubs) {
        List<Subscriptionz> subs = withSubs
                ? channel.subscriptions().stream().map(SnapshotMapper::subscriptionz).toList()
                : null;
        return new Channelz(channel.name(), channel.msgs(), channel.bytes(), channel.firstSeq(), channel.lastSeq(),
                channel.subscriptions().size(), subs);
    }

    static Subscriptionz subscriptionz(SubscriptionView sub) {
        return new Subscriptionz(sub.clientId(), sub.inbox(), sub.ackInbox(), sub.durableName(), sub.queueName(),
                sub.durable(), sub.offline(), sub.maxInFlight(), sub.ackWaitSeconds(), sub.lastSent(),
                sub.pendingCount(), sub.stalled());
    }
}
