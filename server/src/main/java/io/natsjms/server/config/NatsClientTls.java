package io.natsjms.server.config;

import java.nio.file.Path;

/**
 * TLS of the streaming server's own connection to an external NATS server ({@code -secure},
 * {@code -tls_client_cert}, {@code -tls_client_key}, {@code -tls_client_cacert}; in the configuration file
 * {@code secure} and {@code streaming { tls { client_cert, client_key, client_ca } }}). Any of them turns
 * TLS on; the server's certificate is verified against {@code caFile}, or the JDK's default trust store.
 *
 * @param certFile the client certificate (PEM) presented to the NATS server, or {@code null}
 * @param keyFile  its private key (PEM, PKCS#8), or {@code null}
 * @param caFile   the CA certificates (PEM) the NATS server's certificate is verified with, or {@code null}
 */
public record NatsClientTls(Path certFile, Path keyFile, Path caFile) {

    /** Checks that a certificate comes with its key. */
    public NatsClientTls {
        if (certFile != null && keyFile == null) {
            throw new IllegalArgumentException("tls_client_cert: " + certFile
                    + " given without tls_client_key (expected: both, or neither)");
        }
        if (keyFile != null && certFile == null) {
            throw new IllegalArgumentException("tls_client_key: " + keyFile
                    + " given without tls_client_cert (expected: both, or neither)");
        }
    }

    /** TLS verified with the JDK's default trust store, no client certificate ({@code -secure}). */
    public static NatsClientTls secure() {
        return new NatsClientTls(null, null, null);
    }
}
