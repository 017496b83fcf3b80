package io.natsjms.server.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * TLS of the broker's client port, as nats-server's {@code tls { }} block and {@code -tls*} flags set it.
 * Clients get INFO in plain text with {@code tls_required} (and {@code tls_verify}), then start the TLS
 * handshake; anything else is refused.
 *
 * @param certFile the server certificate (chain), a PEM file
 * @param keyFile  its private key, a PEM file in PKCS#8 form ({@code BEGIN PRIVATE KEY})
 * @param caFile   the CA certificates client certificates are verified with (PEM), or {@code null} for the
 *                 JDK's default trust store
 * @param verify   whether clients must present a certificate signed by a trusted CA
 * @param timeout  how long a client has to complete the handshake
 */
public record BrokerTls(Path certFile, Path keyFile, Path caFile, boolean verify, Duration timeout) {

    /** nats-server's default handshake timeout: 2 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Checks that certificate and key are given and the timeout is positive. */
    public BrokerTls {
        if (certFile == null) {
            throw new IllegalArgumentException("tls: no certificate file (expected: tlscert / cert_file, a PEM file)");
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("tls: no key file (expected: tlskey / key_file, a PEM file)");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tls timeout: " + timeout + " (expected: > 0)");
        }
    }
}
