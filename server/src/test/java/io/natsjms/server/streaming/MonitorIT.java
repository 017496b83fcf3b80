package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.monitor.MonitorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitoring endpoints of a real server over a real nats-server, driven by the official STAN client. */
class MonitorIT {

    private static final String CLUSTER = "monitor-cluster";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private TestNats nats;
    private StreamingServer server;
    private MonitorServer monitor;

    @BeforeEach
    void start() throws Exception {
        nats = TestNats.start();
        server = StreamingServer.start(ServerConfig.builder().clusterId(CLUSTER).build(), nats.url());
        monitor = MonitorServer.start("127.0.0.1", 0, server::snapshot);
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (server != null) {
            server.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    private StreamingConnection connect(String clientId) throws Exception {
        return NatsStreaming.connect(CLUSTER, clientId, new Options.Builder().natsUrl(nats.url()).build());
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + monitor.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void endpointsFollowPublishesSubscriptionsAndClients() throws Exception {
        AtomicInteger received = new AtomicInteger();
        try (StreamingConnection publisher = connect("publisher");
             StreamingConnection worker = connect("worker")) {
            for (int i = 1; i <= 3; i++) {
                publisher.publish("orders", ("order-" + i).getBytes(StandardCharsets.UTF_8));
            }
            worker.subscribe("orders", m -> received.incrementAndGet(),
                    new SubscriptionOptions.Builder().durableName("audit").deliverAllAvailable().build());
            worker.subscribe("jobs", "workers", m -> received.incrementAndGet());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 3);

            JsonNode serverz = get("/streaming/serverz");
            assertThat(serverz.get("cluster_id").asText()).isEqualTo(CLUSTER);
            assertThat(serverz.get("state").asText()).isEqualTo("STANDALONE");
            assertThat(serverz.get("clients").asInt()).isEqualTo(2);
            assertThat(serverz.get("channels").asInt()).isEqualTo(2);
            assertThat(serverz.get("subscriptions").asInt()).isEqualTo(2);
            assertThat(serverz.get("total_msgs").asLong()).isEqualTo(3);
            assertThat(serverz.get("total_bytes").asLong()).isPositive();
            assertThat(serverz.get("in_msgs").asLong()).isEqualTo(3);
            assertThat(serverz.get("in_bytes").asLong()).isPositive();
            assertThat(serverz.get("out_msgs").asLong()).isEqualTo(3);
            assertThat(serverz.get("out_bytes").asLong()).isPositive();

            JsonNode channelsz = get("/streaming/channelsz");
            assertThat(texts(channelsz.get("names"))).containsExactly("jobs", "orders");

            JsonNode orders = get("/streaming/channelsz?channel=orders&subs=1");
            assertThat(orders.get("msgs").asLong()).isEqualTo(3);
            assertThat(orders.get("first_seq").asLong()).isEqualTo(1);
            assertThat(orders.get("last_seq").asLong()).isEqualTo(3);
            JsonNode audit = orders.get("subscriptions").get(0);
            assertThat(audit.get("client_id").asText()).isEqualTo("worker");
            assertThat(audit.get("durable_name").asText()).isEqualTo("audit");
            assertThat(audit.get("is_durable").asBoolean()).isTrue();
            assertThat(audit.get("is_offline").asBoolean()).isFalse();
            assertThat(audit.get("last_sent").asLong()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    get("/streaming/channelsz?channel=orders&subs=1").get("subscriptions").get(0)
                            .get("pending_count").asInt() == 0);

            JsonNode clientsz = get("/streaming/clientsz?subs=1");
            assertThat(clientsz.get("total").asInt()).isEqualTo(2);
            assertThat(clientsz.get("clients").findValuesAsText("id")).containsExactly("publisher", "worker");
            JsonNode worker0 = clientsz.get("clients").get(1);
            assertThat(worker0.get("subs_count").asInt()).isEqualTo(2);
            assertThat(worker0.get("subscriptions").get("jobs").get(0).get("queue_name").asText())
                    .isEqualTo("workers");
            assertThat(clientsz.get("clients").get(0).has("subscriptions")).isFalse();
        }

        JsonNode afterClose = get("/streaming/channelsz?channel=orders&subs=1");
        JsonNode offline = afterClose.get("subscriptions").get(0);
        assertThat(offline.get("is_offline").asBoolean()).isTrue();
        assertThat(offline.get("client_id").asText()).as("the saved client ID").isEqualTo("worker");
        assertThat(get("/streaming/clientsz").get("total").asInt()).isZero();
        JsonNode serverz = get("/streaming/serverz");
        assertThat(serverz.get("clients").asInt()).isZero();
        assertThat(serverz.get("subscriptions").asInt()).as("the offline durable still counts").isEqualTo(1);
    }
}
