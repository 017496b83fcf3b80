package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.MonitorConfig;
import io.natsjms.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring flags and configuration keys: {@code -ms/--https_port}, {@code monitor_tls}, {@code monitor_auth}. */
class MonitorFlagsTest {

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

    private Path file(String text) throws Exception {
        Path file = dir.resolve("natsjms.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void monitoringIsOffByDefault() {
        MonitorConfig monitor = config().monitor();
        assertThat(monitor.enabled()).isFalse();
        assertThat(monitor.httpsPort()).isEqualTo(-1);
        assertThat(monitor.auth()).isNull();
    }

    @Test
    void httpsPortWithTheCertificateOfTheConfigurationFile() throws Exception {
        Path conf = file("monitor_tls {\n  cert_file: \"/etc/natsjms/cert.pem\"\n  key_file: \"/etc/natsjms/key.pem\"\n}\n");
        for (String flag : new String[] {"-ms", "--https_port", "-https_port", "--ms"}) {
            MonitorConfig monitor = config("-c", conf.toString(), flag, "8443").monitor();
            assertThat(monitor.secure()).as(flag).isTrue();
            assertThat(monitor.port()).isEqualTo(8443);
            assertThat(monitor.tls()).isEqualTo(new MonitorConfig.Tls(Path.of("/etc/natsjms/cert.pem"),
                    Path.of("/etc/natsjms/key.pem")));
        }
        assertThat(config("-c", file("https_port: 9443\nmonitor_tls { cert: \"c.pem\", key: \"k.pem\" }\n")
                .toString()).monitor().httpsPort()).isEqualTo(9443);
    }

    @Test
    void httpsWithoutACertificateIsRefused() {
        assertThat(run("-ms", "8443")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("https_port 8443: no certificate")
                .contains("monitor_tls { cert_file, key_file }");
    }

    @Test
    void httpAndHttpsTogetherAreRefusedAsInNatsServer() throws Exception {
        Path conf = file("monitor_tls { cert_file: c.pem, key_file: k.pem }\n");
        assertThat(run("-c", conf.toString(), "-m", "8222", "-ms", "8443")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("http_port 8222 and https_port 8443: both set");
    }

    @Test
    void aCertificateWithoutHttpsPortIsRefused() throws Exception {
        assertThat(run("-c", file("monitor_tls { cert_file: c.pem, key_file: k.pem }\n").toString(), "-m", "8222"))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("monitor_tls: set, but no https_port");
    }

    @Test
    void aCertificateBlockNeedsBothFiles() throws Exception {
        assertThat(run("-c", file("# tls\nmonitor_tls {\n  cert_file: c.pem\n}\n").toString(), "-ms", "1"))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("natsjms.conf").contains("key_file missing");
    }

    @Test
    void basicAuthenticationFromTheConfigurationFile() throws Exception {
        Path conf = file("http_port: 8222\nmonitor_auth {\n  user: prometheus\n  password: \"s3cret\"\n}\n");
        MonitorConfig monitor = config("-c", conf.toString()).monitor();
        assertThat(monitor.auth()).isEqualTo(new MonitorConfig.BasicAuth("prometheus", "s3cret"));
        assertThat(monitor.httpPort()).isEqualTo(8222);
    }

    @Test
    void badAuthenticationSettingsNameTheKeyButNeverThePassword() throws Exception {
        assertThat(run("-c", file("monitor_auth {\n  user: \"a:b\"\n  password: hunter2\n}\n").toString()))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("natsjms.conf").contains("user \"a:b\"").doesNotContain("hunter2");
        err.getBuffer().setLength(0);
        assertThat(run("-c", file("monitor_auth {\n  user: ops\n  passwd: hunter2\n}\n").toString()))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown key 'passwd' in monitor_auth").doesNotContain("hunter2");
        err.getBuffer().setLength(0);
        assertThat(run("-c", file("monitor_auth { user: ops }\n").toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("password of \"ops\" missing");
    }
}
