package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.MonitorConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.store.StoreTimings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} of a hand-built server state, read back with a strict text-format parser. */
class MetricsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final StoreLatency latency = new StoreLatency();
    private final AtomicReference<Optional<String>> unavailable = new AtomicReference<>(Optional.empty());
    private final AtomicReference<ServerSnapshot> snapshot = new AtomicReference<>(SampleSnapshots.sample());
    private MonitorServer monitor;

    @BeforeEach
    void start() throws Exception {
        MonitoredServer server = new MonitoredServer() {
            @Override
            public ServerSnapshot snapshot() {
                ServerSnapshot current = snapshot.get();
                if (current == null) {
                    throw new IllegalStateException("not running");
                }
                return current;
            }

            @Override
            public Optional<String> unavailable() {
                return unavailable.get();
            }
        };
        monitor = MonitorServer.start(new MonitorConfig("127.0.0.1", 0, -1, null, null), server, latency,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, PrometheusText.Family> scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }

    private static double value(Map<String, PrometheusText.Family> families, String family, String... labels) {
        Map<String, String> labelMap = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            labelMap.put(labels[i], labels[i + 1]);
        }
        PrometheusText.Family found = families.get(family);
        assertThat(found).as("family %s in %s", family, families.keySet()).isNotNull();
        return found.value(family, labelMap).orElseThrow(() -> new AssertionError(family + labelMap + " missing"));
    }

    @Test
    void countersAndGaugesComeFromTheSnapshot() throws Exception {
        Map<String, PrometheusText.Family> metrics = scrape();
        assertThat(metrics.get("natsjms_published_messages_total").type()).isEqualTo("counter");
        assertThat(value(metrics, "natsjms_published_messages_total")).isEqualTo(5);
        assertThat(value(metrics, "natsjms_published_bytes_total")).isEqualTo(500);
        assertThat(value(metrics, "natsjms_delivered_messages_total")).isEqualTo(7);
        assertThat(value(metrics, "natsjms_delivered_bytes_total")).isEqualTo(700);
        assertThat(value(metrics, "natsjms_redelivered_messages_total")).isEqualTo(2);
        assertThat(metrics.get("natsjms_clients").type()).isEqualTo("gauge");
        assertThat(value(metrics, "natsjms_clients")).isEqualTo(3);
        assertThat(value(metrics, "natsjms_channels")).isEqualTo(3);
        assertThat(value(metrics, "natsjms_subscriptions")).isEqualTo(4);
        assertThat(value(metrics, "natsjms_ready")).isEqualTo(1);
    }

    @Test
    void perChannelGauges() throws Exception {
        Map<String, PrometheusText.Family> metrics = scrape();
        assertThat(value(metrics, "natsjms_channel_messages", "channel", "orders")).isEqualTo(3);
        assertThat(value(metrics, "natsjms_channel_bytes", "channel", "orders")).isEqualTo(30);
        assertThat(value(metrics, "natsjms_channel_last_sequence", "channel", "orders")).isEqualTo(3);
        assertThat(value(metrics, "natsjms_channel_first_sequence", "channel", "jobs")).isEqualTo(1);
        assertThat(value(metrics, "natsjms_channel_subscriptions", "channel", "orders")).isEqualTo(3);
        assertThat(value(metrics, "natsjms_channel_messages", "channel", "zeta")).isZero();
    }

    @Test
    void perSubscriptionPendingAndLag() throws Exception {
        Map<String, PrometheusText.Family> metrics = scrape();
        String[] carol = {"channel", "orders", "client_id", "carol", "durable", "audit", "queue", "",
            "inbox", "_INBOX.c1"};
        assertThat(value(metrics, "natsjms_subscription_pending_messages", carol)).isZero();
        assertThat(value(metrics, "natsjms_subscription_lag_messages", carol)).as("last 3, sent 2").isEqualTo(1);
        String[] aliceJobs = {"channel", "jobs", "client_id", "alice", "durable", "", "queue", "workers",
            "inbox", "_INBOX.a2"};
        assertThat(value(metrics, "natsjms_subscription_pending_messages", aliceJobs)).isEqualTo(1);
        assertThat(value(metrics, "natsjms_subscription_lag_messages", aliceJobs)).isZero();
        String[] dave = {"channel", "orders", "client_id", "dave", "durable", "billing", "queue", "",
            "inbox", "_INBOX.d1"};
        assertThat(value(metrics, "natsjms_subscription_lag_messages", dave)).as("offline, sent 1 of 3").isEqualTo(2);
    }

    @Test
    void storeLatencyHistogramsInSeconds() throws Exception {
        latency.record(StoreTimings.Kind.COMMIT, 3_000_000);
        latency.record(StoreTimings.Kind.COMMIT, 40_000_000);
        latency.record(StoreTimings.Kind.FSYNC, 2_000_000);
        Map<String, PrometheusText.Family> metrics = scrape();
        PrometheusText.Family commits = metrics.get("natsjms_store_commit_duration_seconds");
        assertThat(commits.type()).isEqualTo("histogram");
        assertThat(commits.value("natsjms_store_commit_duration_seconds_count", Map.of())).hasValue(2.0);
        assertThat(commits.value("natsjms_store_commit_duration_seconds_sum", Map.of()).orElseThrow())
                .isCloseTo(0.043, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(commits.value("natsjms_store_commit_duration_seconds_bucket", Map.of("le", "0.005")))
                .hasValue(1.0);
        assertThat(commits.value("natsjms_store_commit_duration_seconds_bucket", Map.of("le", "0.05")))
                .hasValue(2.0);
        PrometheusText.Family fsyncs = metrics.get("natsjms_store_fsync_duration_seconds");
        assertThat(fsyncs.value("natsjms_store_fsync_duration_seconds_count", Map.of())).hasValue(1.0);
    }

    @Test
    void preparedBranchesAreCountedWithTheAgeOfTheOldest() throws Exception {
        assertThat(value(scrape(), "natsjms_prepared_transactions")).isZero();
        assertThat(value(scrape(), "natsjms_prepared_transaction_oldest_age_seconds")).isZero();
        ServerSnapshot sample = SampleSnapshots.sample();
        java.time.Instant now = java.time.Instant.now();
        snapshot.set(new ServerSnapshot(sample.clusterId(), sample.serverId(), sample.storeType(), sample.startTime(),
                sample.limits(), 0, 0, 0, 0, 0, sample.clients(), sample.channels(), java.util.List.of(
                        new ServerSnapshot.PreparedView("1:0a:0b", now.minusSeconds(600), 2, 1),
                        new ServerSnapshot.PreparedView("1:0c:0d", now.minusSeconds(5), 0, 3))));

        Map<String, PrometheusText.Family> metrics = scrape();

        assertThat(value(metrics, "natsjms_prepared_transactions")).isEqualTo(2);
        assertThat(value(metrics, "natsjms_prepared_transaction_oldest_age_seconds"))
                .isBetween(600.0, 660.0);
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        ServerSnapshot sample = SampleSnapshots.sample();
        ServerSnapshot.SubscriptionView odd = new ServerSnapshot.SubscriptionView("odd", "c\"l\\i", "_INBOX.x",
                "_STAN.ack.x", "", "", false, false, 1, 30, 0, 0, false);
        snapshot.set(new ServerSnapshot(sample.clusterId(), sample.serverId(), sample.storeType(), sample.startTime(),
                sample.limits(), 0, 0, 0, 0, 0, sample.clients(), java.util.List.of(
                        new ServerSnapshot.ChannelView("odd", 1, 1, 1, 1, java.util.List.of(odd))), java.util.List.of()));
        Map<String, PrometheusText.Family> metrics = scrape();
        assertThat(value(metrics, "natsjms_subscription_lag_messages", "channel", "odd", "client_id", "c\"l\\i",
                "durable", "", "queue", "", "inbox", "_INBOX.x")).isEqualTo(1);
    }

    @Test
    void withoutASnapshotOnlyReadinessAndLatencyAreShown() throws Exception {
        snapshot.set(null);
        unavailable.set(Optional.of("starting"));
        Map<String, PrometheusText.Family> metrics = scrape();
        assertThat(value(metrics, "natsjms_ready")).isZero();
        assertThat(metrics).containsKey("natsjms_store_commit_duration_seconds")
                .doesNotContainKey("natsjms_clients");
    }
}
