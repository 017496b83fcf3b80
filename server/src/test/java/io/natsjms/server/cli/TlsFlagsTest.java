package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.config.NatsClientTls;
import io.natsjms.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS flags of the original server and how they combine with a configuration file's tls block. */
class TlsFlagsTest {

    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();
    private StartupSettings launched;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err), (settings, o) -> {
            launched = settings;
            return 0;
        });
    }

    private ServerConfig config(String... args) {
        assertThat(run(args)).as("exit status; stderr: %s", err).isZero();
        return launched.config();
    }

    @Test
    void tlsFlagsConfigureTheEmbeddedBroker() {
        ServerConfig config = config("-tls", "-tlscert", "s.pem", "-tlskey", "s-key.pem");
        assertThat(config.security().brokerTls())
                .isEqualTo(new BrokerTls(Path.of("s.pem"), Path.of("s-key.pem"), null, false, BrokerTls.DEFAULT_TIMEOUT));

        ServerConfig verify = config("--tlsverify", "--tlscert=s.pem", "--tlskey=s-key.pem", "--tlscacert=ca.pem");
        assertThat(verify.security().brokerTls())
                .isEqualTo(new BrokerTls(Path.of("s.pem"), Path.of("s-key.pem"), Path.of("ca.pem"), true,
                        BrokerTls.DEFAULT_TIMEOUT));
        assertThat(config().security().brokerTls()).isNull();
    }

    @Test
    void tlsWithoutCertificateOrCertificateWithoutTlsIsAUsageError() {
        assertThat(run("-tls", "-tlskey", "k.pem")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--tlscert is missing");
        assertThat(run("-tlscert", "s.pem", "-tlskey", "k.pem")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("given without --tls or --tlsverify");
    }

    @Test
    void clientFlagsConfigureTlsToTheExternalNatsServer() {
        ServerConfig config = config("-ns", "tls://nats:4222", "-tls_client_cert", "c.pem", "-tls_client_key",
                "c-key.pem", "-tls_client_cacert", "ca.pem");
        assertThat(config.security().natsTls())
                .isEqualTo(new NatsClientTls(Path.of("c.pem"), Path.of("c-key.pem"), Path.of("ca.pem")));
        assertThat(config("-ns", "tls://nats:4222", "-secure").security().natsTls()).isEqualTo(NatsClientTls.secure());
        assertThat(run("-ns", "tls://nats:4222", "-tls_client_cert", "c.pem")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("tls_client_cert: c.pem given without tls_client_key");
    }

    @Test
    void flagsOverrideTheFilesTlsBlock() throws Exception {
        Path file = Files.writeString(dir.resolve("nats.conf"), """
                tls { cert_file: "f.pem", key_file: "f-key.pem", ca_file: "ca.pem", verify: true, timeout: 0.5 }
                """);
        BrokerTls fromFile = config("-c", file.toString()).security().brokerTls();
        assertThat(fromFile).isEqualTo(new BrokerTls(Path.of("f.pem"), Path.of("f-key.pem"), Path.of("ca.pem"), true,
                java.time.Duration.ofMillis(500)));

        BrokerTls overridden = config("-c", file.toString(), "-tlscert", "o.pem", "-tlsverify=false")
                .security().brokerTls();
        assertThat(overridden.certFile()).isEqualTo(Path.of("o.pem"));
        assertThat(overridden.verify()).isFalse();
        assertThat(config("-c", file.toString(), "-tls=false").security().brokerTls()).isNull();
    }
}
