package io.natsjms.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the monitoring endpoints listen: HTTP or HTTPS (as in the original, one or the
 * other), optionally behind basic authentication.
 *
 * @param host      the listen address (the embedded broker's unless {@code http_host} says otherwise)
 * @param httpPort  the HTTP port ({@code -m}); -1 when off, 0 picks a free port
 * @param httpsPort the HTTPS port ({@code -ms}); -1 when off, 0 picks a free port
 * @param tls       the certificate of the HTTPS port, or {@code null} (required with {@code httpsPort})
 * @param auth      the credentials every request but {@code /healthz} must carry, or {@code null} for none
 */
public record MonitorConfig(String host, int httpPort, int httpsPort, Tls tls, BasicAuth auth) {

    public MonitorConfig {
        Objects.requireNonNull(host, "host");
        checkPort("http_port", httpPort);
        checkPort("https_port", httpsPort);
        if (httpPort >= 0 && httpsPort >= 0) {
            throw new IllegalArgumentException("http_port " + httpPort + " and https_port " + httpsPort
                    + ": both set (expected: one of them, as in nats-server)");
        }
        if (httpsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("https_port " + httpsPort
                    + ": no certificate (expected: monitor_tls { cert_file, key_file } in the configuration file)");
        }
        if (tls != null && httpsPort < 0) {
            throw new IllegalArgumentException("monitor_tls: set, but no https_port (expected: -ms/--https_port"
                    + " or https_port with it)");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: -1 for off, or 0 to 65535)");
        }
    }

    /** Whether an HTTP or HTTPS port is set. */
    public boolean enabled() {
        return httpPort >= 0 || httpsPort >= 0;
    }

    /** Whether the port is HTTPS. */
    public boolean secure() {
        return httpsPort >= 0;
    }

    /** The configured port (HTTPS or HTTP), -1 when off. */
    public int port() {
        return secure() ? httpsPort : httpPort;
    }

    /**
     * The HTTPS certificate, both files in PEM.
     *
     * @param certFile the certificate, followed by its chain if any
     * @param keyFile  its private key, PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}),
     *                 unencrypted
     */
    public record Tls(Path certFile, Path keyFile) {
        public Tls {
            if (certFile == null || keyFile == null) {
                throw new IllegalArgumentException("monitor_tls: " + (certFile == null ? "cert_file" : "key_file")
                        + " missing (expected: both cert_file and key_file)");
            }
        }
    }

    /**
     * HTTP basic authentication: one user and its password. {@link #toString()} never shows the password.
     */
    public record BasicAuth(String user, String password) {
        public BasicAuth {
            if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("monitor_auth: user \"" + (user == null ? "" : user)
                        + "\" (expected: a non-empty name without ':')");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("monitor_auth: password of \"" + user + "\" missing"
                        + " (expected: a non-empty password)");
            }
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=<hidden>]";
        }
    }
}
