package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a whole server on the MapDB store, driven by the official STAN client: the
 * exposition passes the strict text-format reader and its values match what was published,
 * delivered, left pending and redelivered, and what the JSON endpoints say.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PUBLISHED = 25;
    private static final int IN_FLIGHT = 5;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private Map<String, PrometheusText.Family> scrape(int port) throws Exception {
        return PrometheusText.parse(get(port, "/metrics"));
    }

    private static double value(Map<String, PrometheusText.Family> metrics, String name, String... labels) {
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            labelMap.put(labels[i], labels[i + 1]);
        }
        String family = name.endsWith("_count") || name.endsWith("_sum")
                ? name.substring(0, name.lastIndexOf('_')) : name;
        return metrics.get(family).value(name, labelMap)
                .orElseThrow(() -> new AssertionError(name + labelMap + " missing"));
    }

    @Test
    void valuesMatchWhatWasPublishedDeliveredAndLeftPending() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId("metrics").host("127.0.0.1").port(0).monitorPort(0)
                .storeType(StoreType.MAPDB).dataDir(data).build();
        try (NatsjmsServer server = NatsjmsServer.start(config)) {
            int port = server.monitorPort();
            Options options = new Options.Builder().natsUrl("nats://127.0.0.1:" + server.natsPort()).build();
            try (StreamingConnection publisher = NatsStreaming.connect("metrics", "pub", options);
                 StreamingConnection subscriber = NatsStreaming.connect("metrics", "sub", options)) {
                for (int i = 0; i < PUBLISHED; i++) {
                    publisher.publish("orders", ("order-" + i).getBytes(StandardCharsets.UTF_8));
                }
                AtomicInteger received = new AtomicInteger();
                subscriber.subscribe("orders", msg -> received.incrementAndGet(), new SubscriptionOptions.Builder()
                        .durableName("audit").deliverAllAvailable().manualAcks().maxInFlight(IN_FLIGHT)
                        .ackWait(Duration.ofSeconds(1)).build());
                await().atMost(WAIT).until(() -> received.get() >= IN_FLIGHT);

                String[] audit = subscriptionLabels(port);
                await().atMost(WAIT).until(() -> value(scrape(port), "natsjms_redelivered_messages_total") >= IN_FLIGHT);
                Map<String, PrometheusText.Family> metrics = scrape(port);
                JsonNode serverz = JSON.readTree(get(port, "/streaming/serverz"));
                JsonNode orders = JSON.readTree(get(port, "/streaming/channelsz?channel=orders"));

                assertThat(value(metrics, "natsjms_published_messages_total")).isEqualTo(PUBLISHED);
                assertThat(value(metrics, "natsjms_published_bytes_total"))
                        .isEqualTo(serverz.get("in_bytes").asDouble()).isPositive();
                assertThat(value(metrics, "natsjms_delivered_messages_total"))
                        .isGreaterThanOrEqualTo(2 * IN_FLIGHT).isLessThanOrEqualTo(serverz.get("out_msgs").asDouble());
                assertThat(value(metrics, "natsjms_clients")).isEqualTo(2);
                assertThat(value(metrics, "natsjms_channels")).isEqualTo(1);
                assertThat(value(metrics, "natsjms_subscriptions")).isEqualTo(1);
                assertThat(value(metrics, "natsjms_channel_messages", "channel", "orders")).isEqualTo(PUBLISHED);
                assertThat(value(metrics, "natsjms_channel_bytes", "channel", "orders"))
                        .isEqualTo(orders.get("bytes").asDouble());
                assertThat(value(metrics, "natsjms_channel_first_sequence", "channel", "orders")).isEqualTo(1);
                assertThat(value(metrics, "natsjms_channel_last_sequence", "channel", "orders")).isEqualTo(PUBLISHED);
                assertThat(value(metrics, "natsjms_subscription_pending_messages", audit)).isEqualTo(IN_FLIGHT);
                assertThat(value(metrics, "natsjms_subscription_lag_messages", audit))
                        .isEqualTo(PUBLISHED - IN_FLIGHT);
                assertThat(value(metrics, "natsjms_store_commit_duration_seconds_count")).isPositive();
                assertThat(value(metrics, "natsjms_store_fsync_duration_seconds_count")).isPositive();
                assertThat(value(metrics, "natsjms_store_commit_duration_seconds_sum")).isPositive();
                assertThat(value(metrics, "natsjms_ready")).isEqualTo(1);
                assertThat(metrics.get("natsjms_server_info").samples().get(0).labels())
                        .containsEntry("cluster_id", "metrics").containsEntry("store", "mapdb");
            }
        }
    }

    /** The labels of the one subscription, as the JSON endpoint names it. */
    private String[] subscriptionLabels(int port) throws Exception {
        JsonNode sub = JSON.readTree(get(port, "/streaming/channelsz?channel=orders&subs=1"))
                .get("subscriptions").get(0);
        return new String[] {"channel", "orders", "client_id", "sub", "durable", "audit", "queue", "",
            "inbox", sub.get("inbox").asText()};
    }
}
