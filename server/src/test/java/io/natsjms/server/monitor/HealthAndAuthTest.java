package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.MonitorConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz} for ready and unavailable servers, and basic authentication of the monitoring port. */
class HealthAndAuthTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Optional<String>> unavailable = new AtomicReference<>(Optional.empty());
    private final AtomicReference<ServerSnapshot> snapshot = new AtomicReference<>(SampleSnapshots.sample());
    private MonitorServer monitor;

    private void start(MonitorConfig.BasicAuth auth) throws Exception {
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
        monitor = MonitorServer.start(new MonitorConfig("127.0.0.1", 0, -1, null, auth), server, new StoreLatency(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.port() + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzIsOkWhileClientsAreServed() throws Exception {
        start(null);
        HttpResponse<String> response = get("/healthz", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo("{\n  \"status\": \"ok\"\n}");
    }

    @Test
    void healthzIs503WithTheReasonOtherwise() throws Exception {
        start(null);
        unavailable.set(Optional.of("the store can't write: store I/O error: No space left on device"));
        HttpResponse<String> response = get("/healthz", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\n  \"status\": \"unavailable\",\n  \"error\": \"the store can't"
                + " write: store I/O error: No space left on device\"\n}");
        unavailable.set(Optional.empty());
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theJsonEndpointsAre503WhileThereIsNoServerState() throws Exception {
        start(null);
        snapshot.set(null);
        unavailable.set(Optional.of("starting: opening and recovering the store"));
        HttpResponse<String> response = get("/streaming/serverz", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("Server unavailable: starting: opening and recovering the store\n");
    }

    @Test
    void withBasicAuthEveryPathButHealthzAsksForTheCredentials() throws Exception {
        start(new MonitorConfig.BasicAuth("ops", "pa:ss wörd"));
        for (String path : new String[] {"/streaming", "/streaming/serverz", "/streaming/channelsz?subs=1",
            "/metrics", "/streaming/dashboard", "/streaming/dashboard.js", "/nowhere"}) {
            HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"natsjms monitoring\""));
            assertThat(get(path, "ops:wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "other:pa:ss wörd").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(get("/streaming/serverz", "ops:pa:ss wörd").statusCode()).isEqualTo(200);
        assertThat(get("/metrics", "ops:pa:ss wörd").statusCode()).isEqualTo(200);
        assertThat(get("/nowhere", "ops:pa:ss wörd").statusCode()).isEqualTo(404);
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCredentialsNeverShowInTheConfigurationsText() {
        MonitorConfig.BasicAuth auth = new MonitorConfig.BasicAuth("ops", "hunter2");
        assertThat(auth.toString()).contains("ops").doesNotContain("hunter2");
        assertThat(new MonitorConfig("0.0.0.0", 8222, -1, null, auth).toString()).doesNotContain("hunter2");
    }

    @Test
    void theDashboardIsAStaticPageWithItsScriptAndStyle() throws Exception {
        start(null);
        HttpResponse<String> page = get("/streaming/dashboard", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<script src=\"dashboard.js\"").contains("dashboard.css");
        HttpResponse<String> script = get("/streaming/dashboard.js", null);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("channelsz?subs=1");
        assertThat(get("/streaming/dashboard.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/streaming", null).body()).contains("href=\"/streaming/dashboard\"")
                .contains("href=\"/healthz\"").contains("href=\"/metrics\"");
    }
}
