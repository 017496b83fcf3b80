package io.natsjms.server.broker;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the broker's public listener: one server context built from the {@link BrokerTls} files
 * at start, and the handlers each new client gets in front of its protocol handler.
 */
final class ServerTls {

    private final SslContext context;
    private final BrokerTls settings;

    private ServerTls(SslContext context, BrokerTls settings) {
        this.context = context;
        this.settings = settings;
    }

    /**
     * Reads the certificate, key and CA files.
     *
     * @throws IllegalArgumentException naming the file that is missing or can't be used
     */
    static ServerTls load(BrokerTls settings) {
        requireReadable("tls certificate", settings.certFile());
        requireReadable("tls key", settings.keyFile());
        if (settings.caFile() != null) {
            requireReadable("tls ca", settings.caFile());
        }
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(settings.certFile().toFile(), settings.keyFile().toFile());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: certificate " + settings.certFile() + " or key "
                    + settings.keyFile() + " can't be used (expected: PEM files, the key in PKCS#8 form,"
                    + " BEGIN PRIVATE KEY): " + e.getMessage(), e);
        }
        builder.sslProvider(SslProvider.JDK);
        if (settings.caFile() != null) {
            builder.trustManager(settings.caFile().toFile());
        }
        builder.clientAuth(settings.verify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        try {
            return new ServerTls(builder.build(), settings);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: certificate " + settings.certFile() + ", key "
                    + settings.keyFile() + (settings.caFile() == null ? "" : " or ca " + settings.caFile())
                    + " can't be used (expected: PEM files, the key in PKCS#8 form): " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String what, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + ": " + file + " can't be read (expected: a readable PEM file)");
        }
    }

    /** Whether client certificates are required. */
    boolean verify() {
        return settings.verify();
    }

    /**
     * Adds the TLS handlers to a new client's pipeline, before its protocol handler: a gate that refuses a
     * client whose first bytes are not a TLS record, and the TLS engine, which lets the first write (INFO)
     * through in plain text, as NATS wants it.
     */
    void addTo(ChannelPipeline pipeline) {
        SslHandler handler = new SslHandler(context.newEngine(pipeline.channel().alloc()), true);
        handler.setHandshakeTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        pipeline.addLast(new TlsRequiredGate());
        pipeline.addLast(handler);
    }
}
