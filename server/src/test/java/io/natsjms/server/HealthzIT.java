package io.natsjms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} of a whole server: 503 while it starts (its NATS server does not answer yet), 200
 * once clients are served, 503 while the connection to NATS is down and while the store can't write
 * (a real full disk), 200 again when they are back.
 */
class HealthzIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null && FullDisk.run("umount", mounted.toString()) != 0) {
            FullDisk.run("umount", "-l", mounted.toString());
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unavailableWhileStartingReadyWhenServingUnavailableWithoutNats() throws Exception {
        int monitorPort = freePort();
        try (NatsBroker nats = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
             GatedProxy proxy = new GatedProxy(nats.port())) {
            ServerConfig config = ServerConfig.builder().clusterId("health").natsUrl(proxy.url())
                    .host("127.0.0.1").monitorPort(monitorPort).build();
            CompletableFuture<NatsjmsServer> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return NatsjmsServer.start(config);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                await().atMost(WAIT).ignoreExceptions().until(() -> get(monitorPort, "/healthz").statusCode() == 503);
                HttpResponse<String> starting503 = get(monitorPort, "/healthz");
                assertThat(starting503.body()).contains("\"status\": \"unavailable\"")
                        .contains("\"error\": \"starting: opening and recovering the store, connecting to NATS\"");
                assertThat(get(monitorPort, "/streaming/serverz").statusCode()).isEqualTo(503);
                assertThat(get(monitorPort, "/metrics").body()).contains("natsjms_ready 0");
                assertThat(starting).isNotDone();

                proxy.open();
                try (NatsjmsServer server = starting.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    HttpResponse<String> ready = get(monitorPort, "/healthz");
                    assertThat(ready.statusCode()).isEqualTo(200);
                    assertThat(ready.body()).isEqualTo("{\n  \"status\": \"ok\"\n}");
                    assertThat(get(monitorPort, "/metrics").body()).contains("natsjms_ready 1");

                    proxy.cut();
                    await().atMost(WAIT).until(() -> get(monitorPort, "/healthz").statusCode() == 503);
                    assertThat(get(monitorPort, "/healthz").body()).contains("not connected to NATS");
                    proxy.open();
                    await().atMost(WAIT).until(() -> get(monitorPort, "/healthz").statusCode() == 200);
                }
                assertThat(reachable(monitorPort)).as("closed with the server").isFalse();
            } finally {
                proxy.open();
                starting.thenAccept(NatsjmsServer::close);
            }
        }
    }

    @Test
    void unavailableWhileTheStoreCannotWriteAndReadyAgainWhenItCan() throws Exception {
        Path mnt = tmp.resolve("mnt");
        Files.createDirectories(mnt);
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && FullDisk.run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt.toString()) == 0,
                "cannot mount a tmpfs here (needs root on Linux)");
        mounted = mnt;
        ServerConfig config = ServerConfig.builder().clusterId("full").host("127.0.0.1").port(0).monitorPort(0)
                .storeType(StoreType.MAPDB).dataDir(mnt.resolve("data")).build();
        try (NatsjmsServer server = NatsjmsServer.start(config);
             StreamingConnection stan = NatsStreaming.connect("full", "pub",
                     new Options.Builder().natsUrl("nats://127.0.0.1:" + server.natsPort()).build())) {
            int port = server.monitorPort();
            stan.publish("full", "before".getBytes(StandardCharsets.UTF_8));
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
            FullDisk.fill(mnt);
            String error = null;
            byte[] big = "x".repeat(2000).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2000 && error == null; i++) {
                try {
                    stan.publish("full", big);
                } catch (IOException e) {
                    error = e.getMessage();
                }
            }
            assertThat(error).as("a publish failed on the full disk").contains("store I/O error");
            HttpResponse<String> full = get(port, "/healthz");
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.body()).contains("the store can't write: store I/O error")
                    .doesNotContain(mnt.toString());

            Files.delete(mnt.resolve("filler"));
            await().atMost(WAIT).until(() -> get(port, "/healthz").statusCode() == 200);
            stan.publish("full", "after".getBytes(StandardCharsets.UTF_8));
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static boolean reachable(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
