package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.config.MonitorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring port over HTTPS with a PEM certificate made by keytool: served with a PKCS#8 or a
 * PKCS#1 key, verified by a client that trusts only that certificate, together with basic
 * authentication; unreadable files fail the start with a message naming them.
 */
class MonitorHttpsIT {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    private static final MonitoredServer READY = new MonitoredServer() {
        @Override
        public io.natsjms.server.streaming.ServerSnapshot snapshot() {
            return SampleSnapshots.sample();
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.empty();
        }
    };

    private static MonitorServer https(Path keyFile, MonitorConfig.BasicAuth auth) throws Exception {
        return MonitorServer.start(new MonitorConfig("127.0.0.1", -1, 0, certificates.tls(keyFile), auth), READY,
                new StoreLatency(), Clock.systemUTC());
    }

    private static HttpResponse<String> get(HttpClient client, MonitorServer monitor, String path, String credentials)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + monitor.port() + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsWithAPkcs8KeyToAClientThatVerifiesTheCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
        try (MonitorServer monitor = https(certificates.pkcs8KeyFile, null)) {
            HttpResponse<String> response = get(client, monitor, "/streaming/serverz", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"cluster_id\": \"test-cluster\"");
            assertThat(response.sslSession()).isPresent();
            assertThat(response.sslSession().get().getPeerCertificates()[0]).isEqualTo(certificates.certificate);
        }
    }

    @Test
    void servesHttpsWithAPkcs1Key() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
        try (MonitorServer monitor = https(certificates.pkcs1KeyFile, null)) {
            assertThat(get(client, monitor, "/healthz", null).body()).isEqualTo("{\n  \"status\": \"ok\"\n}");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        try (MonitorServer monitor = https(certificates.pkcs8KeyFile, null)) {
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), monitor, "/healthz", null))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void basicAuthenticationOverHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
        try (MonitorServer monitor = https(certificates.pkcs8KeyFile,
                new MonitorConfig.BasicAuth("prometheus", "s3cret"))) {
            assertThat(get(client, monitor, "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(client, monitor, "/metrics", "prometheus:wrong").statusCode()).isEqualTo(401);
            assertThat(get(client, monitor, "/metrics", "prometheus:s3cret").statusCode()).isEqualTo(200);
            assertThat(get(client, monitor, "/healthz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMissingOrWrongFileFailsTheStartNamingIt() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> https(missing, null)).hasMessageContaining("key_file " + missing)
                .hasMessageContaining("can't be read");
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(notAKey, "hello\n");
        assertThatThrownBy(() -> https(notAKey, null)).hasMessageContaining("key_file " + notAKey)
                .hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> MonitorServer.start(new MonitorConfig("127.0.0.1", -1, 0,
                new MonitorConfig.Tls(certificates.pkcs8KeyFile, certificates.pkcs8KeyFile), null), READY,
                new StoreLatency(), Clock.systemUTC()))
                .hasMessageContaining("cert_file " + certificates.pkcs8KeyFile);
    }
}
