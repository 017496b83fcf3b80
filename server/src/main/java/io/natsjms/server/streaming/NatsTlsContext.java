package io.natsjms.server.streaming;

import io.natsjms.server.config.NatsClientTls;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The JDK {@link SSLContext} of the streaming server's connection to an external NATS server, made from
 * the PEM files of {@link NatsClientTls} (Netty reads them; the context is the JDK's, which jnats takes).
 */
final class NatsTlsContext {

    private NatsTlsContext() {
    }

    /**
     * A context trusting {@code tls.caFile()} (or the JDK's default trust store) and presenting
     * {@code tls.certFile()} when given.
     *
     * @throws IllegalArgumentException naming a file that is missing or can't be used
     */
    static SSLContext create(NatsClientTls tls) {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        try {
            if (tls.caFile() != null) {
                builder.trustManager(readable("tls_client_cacert", tls.caFile()).toFile());
            }
            if (tls.certFile() != null) {
                builder.keyManager(readable("tls_client_cert", tls.certFile()).toFile(),
                        readable("tls_client_key", tls.keyFile()).toFile());
            }
            return ((JdkSslContext) builder.build()).context();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS to NATS: tls_client_cert " + tls.certFile() + ", tls_client_key "
                    + tls.keyFile() + " or tls_client_cacert " + tls.caFile()
                    + " can't be used (expected: PEM files, keys in PKCS#8 form): " + e.getMessage(), e);
        }
    }

    private static Path readable(String flag, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(flag + ": " + file + " can't be read (expected: a readable PEM file)");
        }
        return file;
    }
}
