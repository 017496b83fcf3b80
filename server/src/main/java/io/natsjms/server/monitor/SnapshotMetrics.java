package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.ServerSnapshot.ChannelView;
import io.natsjms.server.streaming.ServerSnapshot.PreparedView;
import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The metrics that come from one {@link ServerSnapshot} per scrape: counters of the engine's
 * traffic, gauges per channel and per subscription, clients. The snapshot is taken on the engine
 * loop like the JSON endpoints' (a copy of the state, no I/O), so a scrape holds the loop only for
 * as long as copying takes. Without a snapshot (starting, stopped) only {@code natsjms_ready} is left.
 */
final class SnapshotMetrics implements MultiCollector {

    private static final System.Logger LOG = System.getLogger(SnapshotMetrics.class.getName());
    private static final String[] SUBSCRIPTION_LABELS = {"channel", "client_id", "durable", "queue", "inbox"};

    private final MonitoredServer server;
    private final String version;

    SnapshotMetrics(MonitoredServer server, String version) {
        this.server = server;
        this.version = version;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder result = MetricSnapshots.builder();
        result.metricSnapshot(gauge("natsjms_ready", "1 while the server serves clients (see /healthz), else 0",
                server.unavailable().isPresent() ? 0 : 1));
        ServerSnapshot snapshot;
        try {
            snapshot = server.snapshot();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "metrics without a server snapshot: " + e.getMessage());
            return result.build();
        }
        result.metricSnapshot(InfoSnapshot.builder().name("natsjms_server").help("The server's identity")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(
                        "cluster_id", snapshot.clusterId(), "server_id", snapshot.serverId(),
                        "store", snapshot.storeType(), "version", version)).build())
                .build());
        result.metricSnapshot(counter("natsjms_published_messages", "Publishes received (stored or refused)",
                snapshot.inMsgs()));
        result.metricSnapshot(counter("natsjms_published_bytes", "Encoded size of the publishes received",
                snapshot.inBytes()));
        result.metricSnapshot(counter("natsjms_delivered_messages",
                "Messages sent to subscriptions, redeliveries included", snapshot.outMsgs()));
        result.metricSnapshot(counter("natsjms_delivered_bytes", "Encoded size of the messages sent to subscriptions",
                snapshot.outBytes()));
        result.metricSnapshot(counter("natsjms_redelivered_messages",
                "Messages sent again to a subscription (ack wait passed, or after a restart)",
                snapshot.redeliveredMsgs()));
        result.metricSnapshot(gauge("natsjms_clients", "Connected STAN clients", snapshot.clients().size()));
        result.metricSnapshot(gauge("natsjms_channels", "Channels", snapshot.channels().size()));
        result.metricSnapshot(gauge("natsjms_subscriptions",
                "Subscriptions: online and offline durables, queue members, one per offline durable queue group",
                snapshot.channels().stream().mapToInt(c -> c.subscriptions().size()).sum()));
        result.metricSnapshot(gauge("natsjms_prepared_transactions",
                "XA transaction branches prepared and not yet committed or rolled back", snapshot.prepared().size()));
        result.metricSnapshot(gauge("natsjms_prepared_transaction_oldest_age_seconds",
                "How long the oldest prepared XA transaction branch has been prepared; 0 when there is none",
                oldestPreparedAge(snapshot)));
        List<ChannelView> channels = snapshot.channels();
        result.metricSnapshot(perChannel("natsjms_channel_messages", "Messages stored in the channel", channels,
                ChannelView::msgs));
        result.metricSnapshot(perChannel("natsjms_channel_bytes", "Bytes of the messages stored in the channel",
                channels, ChannelView::bytes));
        result.metricSnapshot(perChannel("natsjms_channel_first_sequence", "Sequence of the channel's first message",
                channels, ChannelView::firstSeq));
        result.metricSnapshot(perChannel("natsjms_channel_last_sequence", "Sequence of the channel's last message",
                channels, ChannelView::lastSeq));
        result.metricSnapshot(perChannel("natsjms_channel_subscriptions", "Subscriptions of the channel", channels,
                c -> c.subscriptions().size()));
        result.metricSnapshot(perSubscription("natsjms_subscription_pending_messages",
                "Messages sent to the subscription and not acknowledged yet", channels,
                (channel, sub) -> sub.pendingCount()));
        result.metricSnapshot(perSubscription("natsjms_subscription_lag_messages",
                "Messages of the channel not sent to the subscription yet (last sequence minus last sent)",
                channels, SnapshotMetrics::lag));
        return result.build();
    }

    /** Seconds since the oldest prepared branch was prepared, 0 without any. */
    static double oldestPreparedAge(ServerSnapshot snapshot) {
        return snapshot.prepared().stream()
                .map(PreparedView::preparedAt)
                .min(Comparator.naturalOrder())
                .map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    /** How far behind the channel's last message a subscription is: 0 when it has been sent everything. */
    static long lag(ChannelView channel, SubscriptionView sub) {
        return Math.max(0, channel.lastSeq() - sub.lastSent());
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot perChannel(String name, String help, List<ChannelView> channels,
                                            ToDoubleFunction<ChannelView> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (ChannelView channel : channels) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("channel", channel.name()))
                    .value(value.applyAsDouble(channel)).build());
        }
        return gauge.build();
    }

    private interface SubscriptionValue {
        double of(ChannelView channel, SubscriptionView sub);
    }

    private static GaugeSnapshot perSubscription(String name, String help, List<ChannelView> channels,
                                                 SubscriptionValue value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        Set<Labels> seen = new HashSet<>();
        for (ChannelView channel : channels) {
            for (SubscriptionView sub : channel.subscriptions()) {
                Labels labels = Labels.of(SUBSCRIPTION_LABELS, new String[] {channel.name(), sub.clientId(),
                    sub.durableName(), sub.queueName(), sub.inbox()});
                if (seen.add(labels)) {
                    gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels)
                            .value(value.of(channel, sub)).build());
                }
            }
        }
        return gauge.build();
    }
}
