package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsjms.server.streaming.ServerSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorServerTest {

    private static final Instant NOW = SampleSnapshots.START.plus(Duration.parse("P1DT2H3M4S"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<Supplier<ServerSnapshot>> source = new AtomicReference<>(SampleSnapshots::sample);
    private final HttpClient http = HttpClient.newHttpClient();
    private MonitorServer monitor;

    @BeforeEach
    void start() throws IOException {
        monitor = MonitorServer.start("127.0.0.1", 0, () -> source.get().get(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + monitor.port() + pathAndQuery);
    }

    private JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void boundPortIsReported() {
        assertThat(monitor.port()).isPositive();
    }

    @Test
    void serverzReportsIdentityTimesAndCounters() throws Exception {
        JsonNode serverz = json("/streaming/serverz");

        List<String> fields = fieldNames(serverz);
        fields.removeAll(List.of("open_fds", "max_fds"));
        assertThat(fields).containsExactly("cluster_id", "server_id", "version", "go", "state", "now",
                "start_time", "uptime", "clients", "subscriptions", "channels", "total_msgs", "total_bytes",
                "in_msgs", "in_bytes", "out_msgs", "out_bytes");
        assertThat(serverz.get("cluster_id").asText()).isEqualTo("test-cluster");
        assertThat(serverz.get("server_id").asText()).isEqualTo("srv-1");
        assertThat(serverz.get("version").asText()).isNotEmpty();
        assertThat(serverz.get("go").asText()).startsWith("java17");
        assertThat(serverz.get("state").asText()).isEqualTo("STANDALONE");
        assertThat(serverz.get("now").asText()).isEqualTo("2024-01-02T02:03:04Z");
        assertThat(serverz.get("start_time").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(serverz.get("uptime").asText()).isEqualTo("1d2h3m4s");
        assertThat(serverz.get("clients").asInt()).isEqualTo(3);
        assertThat(serverz.get("subscriptions").asInt()).as("plain + durables + offline + queue member").isEqualTo(4);
        assertThat(serverz.get("channels").asInt()).isEqualTo(3);
        assertThat(serverz.get("total_msgs").asLong()).isEqualTo(5);
        assertThat(serverz.get("total_bytes").asLong()).isEqualTo(50);
        assertThat(serverz.get("in_msgs").asLong()).isEqualTo(5);
        assertThat(serverz.get("in_bytes").asLong()).isEqualTo(500);
        assertThat(serverz.get("out_msgs").asLong()).isEqualTo(7);
        assertThat(serverz.get("out_bytes").asLong()).isEqualTo(700);
        if (serverz.has("open_fds")) {
            assertThat(serverz.get("open_fds").asLong()).isPositive();
            assertThat(serverz.get("max_fds").asLong()).isGreaterThanOrEqualTo(serverz.get("open_fds").asLong());
        }
    }

    @Test
    void openFileDescriptorsAreShownOnUnix() throws Exception {
        JsonNode serverz = json("/streaming/serverz");
        boolean unix = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean;
        assertThat(serverz.has("open_fds")).isEqualTo(unix);
    }

    @Test
    void storezReportsTypeLimitsInNanosecondsAndTotals() throws Exception {
        JsonNode storez = json("/streaming/storez");

        assertThat(fieldNames(storez)).containsExactly("cluster_id", "server_id", "now", "type", "limits",
                "total_msgs", "total_bytes");
        assertThat(storez.get("type").asText()).isEqualTo("MEMORY");
        assertThat(storez.get("now").asText()).isEqualTo("2024-01-02T02:03:04Z");
        assertThat(storez.get("total_msgs").asLong()).isEqualTo(5);
        assertThat(storez.get("total_bytes").asLong()).isEqualTo(50);
        JsonNode limits = storez.get("limits");
        assertThat(fieldNames(limits)).containsExactly("max_channels", "max_msgs", "max_bytes", "max_age",
                "max_subscriptions", "max_inactivity", "channels");
        assertThat(limits.get("max_channels").asInt()).isEqualTo(100);
        assertThat(limits.get("max_msgs").asLong()).isEqualTo(1_000_000);
        assertThat(limits.get("max_bytes").asLong()).isEqualTo(1_024_000_000L);
        assertThat(limits.get("max_age").asLong()).isEqualTo(3_600_000_000_000L);
        assertThat(limits.get("max_subscriptions").asInt()).isEqualTo(1000);
        assertThat(limits.get("max_inactivity").asLong()).isZero();
        JsonNode orders = limits.get("channels").get("orders");
        assertThat(orders.get("max_msgs").asLong()).isEqualTo(10);
        assertThat(orders.get("max_bytes").asLong()).as("inherited").isEqualTo(1_024_000_000L);
        assertThat(orders.get("max_age").asLong()).as("inherited").isEqualTo(3_600_000_000_000L);
    }

    @Test
    void storezLeavesOutChannelsWithoutOverrides() throws Exception {
        ServerSnapshot plain = SampleSnapshots.sample();
        source.set(() -> new ServerSnapshot(plain.clusterId(), plain.serverId(), "mapdb", plain.startTime(),
                io.natsjms.store.StoreLimits.unlimited(), 0, 0, 0, 0, 0, plain.clients(), plain.channels(), List.of()));
        JsonNode storez = json("/streaming/storez");
        assertThat(storez.get("type").asText()).isEqualTo("MAPDB");
        assertThat(storez.get("limits").has("channels")).isFalse();
        assertThat(storez.get("limits").get("max_channels").asInt()).isZero();
    }

    @Test
    void clientszListsClientsSortedWithoutSubscriptions() throws Exception {
        JsonNode clientsz = json("/streaming/clientsz");

        assertThat(fieldNames(clientsz)).containsExactly("cluster_id", "server_id", "now", "offset", "limit",
                "count", "total", "clients");
        assertThat(clientsz.get("offset").asInt()).isZero();
        assertThat(clientsz.get("limit").asInt()).isEqualTo(1024);
        assertThat(clientsz.get("count").asInt()).isEqualTo(3);
        assertThat(clientsz.get("total").asInt()).isEqualTo(3);
        JsonNode clients = clientsz.get("clients");
        assertThat(clients.findValuesAsText("id")).containsExactly("alice", "bob", "carol");
        assertThat(fieldNames(clients.get(0))).containsExactly("id", "hb_inbox", "subs_count");
        assertThat(clients.get(0).get("hb_inbox").asText()).isEqualTo("_INBOX.hb.alice");
        assertThat(clients.findValuesAsText("subs_count")).containsExactly("2", "0", "1");
    }

    @Test
    void clientszPages() throws Exception {
        JsonNode page = json("/streaming/clientsz?offset=1&limit=1");
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("clients").findValuesAsText("id")).containsExactly("bob");

        JsonNode beyond = json("/streaming/clientsz?offset=7");
        assertThat(beyond.get("count").asInt()).isZero();
        assertThat(beyond.get("clients").isArray()).isTrue();
        assertThat(beyond.get("clients")).isEmpty();

        JsonNode defaults = json("/streaming/clientsz?offset=-2&limit=0");
        assertThat(defaults.get("offset").asInt()).isZero();
        assertThat(defaults.get("limit").asInt()).isEqualTo(1024);
        assertThat(defaults.get("count").asInt()).isEqualTo(3);
    }

    @Test
    void clientszWithSubsGroupsSubscriptionsByChannel() throws Exception {
        JsonNode clients = json("/streaming/clientsz?subs=1").get("clients");

        JsonNode alice = clients.get(0).get("subscriptions");
        assertThat(fieldNames(alice)).containsExactly("jobs", "orders");
        JsonNode job = alice.get("jobs").get(0);
        assertThat(job.get("queue_name").asText()).isEqualTo("workers");
        assertThat(job.get("is_stalled").asBoolean()).isTrue();
        assertThat(alice.get("orders").get(0).get("inbox").asText()).isEqualTo("_INBOX.a1");
        assertThat(clients.get(1).has("subscriptions")).as("bob has none: left out").isFalse();
        assertThat(clients.get(2).get("subscriptions").get("orders").get(0).get("durable_name").asText())
                .isEqualTo("audit");
    }

    @Test
    void oneClientByIdWithAndWithoutSubs() throws Exception {
        JsonNode alice = json("/streaming/clientsz?client=alice");
        assertThat(fieldNames(alice)).containsExactly("id", "hb_inbox", "subs_count");
        assertThat(alice.get("subs_count").asInt()).isEqualTo(2);

        JsonNode withSubs = json("/streaming/clientsz?client=alice&subs=1");
        assertThat(withSubs.get("subscriptions").get("orders")).hasSize(1);

        HttpResponse<String> missing = get("/streaming/clientsz?client=nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Client nobody not found\n");
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void channelszListsNamesSorted() throws Exception {
        JsonNode channelsz = json("/streaming/channelsz");

        assertThat(fieldNames(channelsz)).containsExactly("cluster_id", "server_id", "now", "offset", "limit",
                "count", "total", "names");
        assertThat(texts(channelsz.get("names"))).containsExactly("jobs", "orders", "zeta");
        assertThat(channelsz.get("count").asInt()).isEqualTo(3);
        assertThat(channelsz.get("total").asInt()).isEqualTo(3);

        JsonNode page = json("/streaming/channelsz?offset=1&limit=1");
        assertThat(texts(page.get("names"))).containsExactly("orders");
        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("total").asInt()).isEqualTo(3);

        JsonNode beyond = json("/streaming/channelsz?offset=3");
        assertThat(beyond.has("names")).isFalse();
        assertThat(beyond.has("channels")).isFalse();
        assertThat(beyond.get("count").asInt()).isZero();
    }

    @Test
    void channelszWithSubsShowsEveryChannelAndSubscription() throws Exception {
        JsonNode channelsz = json("/streaming/channelsz?subs=1&limit=2");

        assertThat(channelsz.has("names")).isFalse();
        JsonNode channels = channelsz.get("channels");
        assertThat(channels.findValuesAsText("name")).containsExactly("jobs", "orders");
        JsonNode orders = channels.get(1);
        assertThat(fieldNames(orders)).containsExactly("name", "msgs", "bytes", "first_seq", "last_seq",
                "subs_count", "subscriptions");
        assertThat(orders.get("msgs").asLong()).isEqualTo(3);
        assertThat(orders.get("bytes").asLong()).isEqualTo(30);
        assertThat(orders.get("first_seq").asLong()).isEqualTo(1);
        assertThat(orders.get("last_seq").asLong()).isEqualTo(3);
        assertThat(orders.get("subs_count").asInt()).isEqualTo(3);

        JsonNode plain = orders.get("subscriptions").get(0);
        assertThat(fieldNames(plain)).as("empty durable and queue names are left out").containsExactly(
                "client_id", "inbox", "ack_inbox", "is_durable", "is_offline", "max_inflight", "ack_wait",
                "last_sent", "pending_count", "is_stalled");
        assertThat(plain.get("client_id").asText()).isEqualTo("alice");
        assertThat(plain.get("ack_inbox").asText()).isEqualTo("_STAN.ack.a1");
        assertThat(plain.get("max_inflight").asInt()).isEqualTo(16);
        assertThat(plain.get("ack_wait").asInt()).isEqualTo(30);
        assertThat(plain.get("last_sent").asLong()).isEqualTo(3);
        assertThat(plain.get("pending_count").asInt()).isEqualTo(1);

        JsonNode offline = orders.get("subscriptions").get(2);
        assertThat(offline.get("client_id").asText()).isEqualTo("dave");
        assertThat(offline.get("durable_name").asText()).isEqualTo("billing");
        assertThat(offline.get("is_durable").asBoolean()).isTrue();
        assertThat(offline.get("is_offline").asBoolean()).isTrue();
    }

    @Test
    void oneChannelByName() throws Exception {
        JsonNode orders = json("/streaming/channelsz?channel=orders");
        assertThat(orders.has("subscriptions")).isFalse();
        assertThat(orders.get("subs_count").asInt()).isEqualTo(3);

        JsonNode zeta = json("/streaming/channelsz?channel=zeta&subs=1");
        assertThat(zeta.has("subscriptions")).as("none: left out").isFalse();
        assertThat(zeta.get("last_seq").asLong()).isZero();

        assertThat(json("/streaming/channelsz?channel=orders&subs=1").get("subscriptions")).hasSize(3);

        HttpResponse<String> missing = get("/streaming/channelsz?channel=nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Channel nope not found\n");
    }

    @Test
    void isFTActiveAnswersNoContent() throws Exception {
        HttpResponse<String> response = get("/streaming/isFTActive");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void indexLinksEveryEndpoint() throws Exception {
        HttpResponse<String> response = get("/streaming");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("href=\"/streaming/serverz\"", "href=\"/streaming/storez\"",
                "href=\"/streaming/clientsz\"", "href=\"/streaming/channelsz\"", "href=\"/streaming/isFTActive\"");
    }

    @Test
    void jsonIsPrettyPrintedLikeTheOriginal() throws Exception {
        HttpResponse<String> response = get("/streaming/channelsz");
        assertThat(response.body()).startsWith("{\n  \"cluster_id\": \"test-cluster\",\n")
                .contains("  \"names\": [\n    \"jobs\",\n    \"orders\",\n    \"zeta\"\n  ]");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(get("/streaming/clientsz?offset=9").body()).contains("\"clients\": []");
    }

    @Test
    void callbackWrapsTheJsonForJsonp() throws Exception {
        HttpResponse<String> response = get("/streaming/serverz?callback=monitor.show");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/javascript");
        String body = response.body();
        assertThat(body).startsWith("monitor.show({").endsWith("})");
        JsonNode inner = JSON.readTree(body.substring("monitor.show(".length(), body.length() - 1));
        assertThat(inner.get("cluster_id").asText()).isEqualTo("test-cluster");

        assertThat(get("/streaming/clientsz?client=bob&callback=cb").body()).startsWith("cb({");
    }

    @Test
    void aCallbackThatIsNotAJavaScriptNameIsRefused() throws Exception {
        HttpResponse<String> response = get("/streaming/storez?callback=alert(1)%3B");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("callback: \"alert(1);\" (expected:");
    }

    @Test
    void badNumbersAreRefusedNamingParameterAndValue() throws Exception {
        assertBadRequest("/streaming/clientsz?limit=abc", "limit: \"abc\" (expected: an integer)\n");
        assertBadRequest("/streaming/channelsz?offset=x1", "offset: \"x1\" (expected: an integer)\n");
        assertBadRequest("/streaming/channelsz?subs=yes", "subs: \"yes\" (expected: an integer)\n");
        assertBadRequest("/streaming/clientsz?client=alice&subs=true", "subs: \"true\" (expected: an integer)\n");
        assertBadRequest("/streaming/clientsz?limit=99999999999",
                "limit: \"99999999999\" (expected: an integer)\n");
    }

    private void assertBadRequest(String pathAndQuery, String message) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(response.body()).isEqualTo(message);
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/streaming/nope").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/streaming/serverz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/streaming/serverz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aFailingSnapshotIsAServerError() throws Exception {
        source.set(() -> {
            throw new IllegalStateException("engine loop closed");
        });
        HttpResponse<String> response = get("/streaming/serverz");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("engine loop closed");
    }

    @Test
    void serverzCountsPreparedBranchesOnlyWhenThereAreAny() throws Exception {
        assertThat(json("/streaming/serverz").has("prepared_transactions")).isFalse();
        ServerSnapshot sample = SampleSnapshots.sample();
        source.set(() -> new ServerSnapshot(sample.clusterId(), sample.serverId(), sample.storeType(),
                sample.startTime(), sample.limits(), 0, 0, 0, 0, 0, List.of(), List.of(),
                List.of(new ServerSnapshot.PreparedView("1:0a:0b", sample.startTime(), 1, 1))));

        assertThat(json("/streaming/serverz").get("prepared_transactions").asInt()).isEqualTo(1);
    }

    @Test
    void eachRequestTakesAFreshSnapshot() throws Exception {
        assertThat(json("/streaming/serverz").get("clients").asInt()).isEqualTo(3);
        ServerSnapshot sample = SampleSnapshots.sample();
        source.set(() -> new ServerSnapshot(sample.clusterId(), sample.serverId(), sample.storeType(),
                sample.startTime(), sample.limits(), 0, 0, 0, 0, 0, List.of(), List.of(), List.of()));
        assertThat(json("/streaming/serverz").get("clients").asInt()).isZero();
    }

    @Test
    void closeStopsListening() throws Exception {
        URI serverz = uri("/streaming/serverz");
        monitor.close();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(serverz).build())).isInstanceOf(IOException.class);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> MonitorServer.start("127.0.0.1", -1, SampleSnapshots::sample))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitor port: -1 (expected: 0 to 65535)");
    }
}
