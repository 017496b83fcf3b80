package io.natsjms.server.cli;

import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.config.NatsClientTls;
import io.natsjms.server.config.SecuritySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The TLS flags, named as the original server names them: those of its embedded NATS server
 * ({@code -tls}, {@code -tlscert}, {@code -tlskey}, {@code -tlscacert}, {@code -tlsverify}) and those of
 * its connection to an external NATS server ({@code -secure}, {@code -tls_client_*}). A flag left out
 * keeps the configuration files' value.
 */
final class TlsFlags {

    @Option(names = {"--tls"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Enable TLS on the embedded broker, do not verify clients (needs --tlscert, --tlskey)")
    Boolean tls;

    @Option(names = {"--tlscert"}, paramLabel = "<file>", description = "Server certificate file (PEM)")
    Path tlsCert;

    @Option(names = {"--tlskey"}, paramLabel = "<file>", description = "Private key of the server certificate (PEM, PKCS#8)")
    Path tlsKey;

    @Option(names = {"--tlscacert"}, paramLabel = "<file>", description = "CA certificates to verify clients with (PEM)")
    Path tlsCaCert;

    @Option(names = {"--tlsverify"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Enable TLS on the embedded broker and require client certificates")
    Boolean tlsVerify;

    @Option(names = {"--secure"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Use TLS to the external NATS server (-ns), verified with the JDK's trust store")
    Boolean secure;

    @Option(names = {"--tls_client_cert"}, paramLabel = "<file>",
            description = "Client certificate (PEM) of the streaming server for the external NATS server")
    Path tlsClientCert;

    @Option(names = {"--tls_client_key"}, paramLabel = "<file>",
            description = "Private key (PEM, PKCS#8) of --tls_client_cert")
    Path tlsClientKey;

    @Option(names = {"--tls_client_cacert"}, paramLabel = "<file>",
            description = "CA certificates (PEM) to verify the external NATS server with")
    Path tlsClientCaCert;

    /**
     * The files' settings with these flags laid over them.
     *
     * @throws IllegalArgumentException naming a flag that lacks its companion
     */
    SecuritySettings over(SecuritySettings fromFile) {
        SecuritySettings result = fromFile.withBrokerTls(brokerTls(fromFile.brokerTls()));
        return result.withNatsTls(natsTls(fromFile.natsTls()));
    }

    private BrokerTls brokerTls(BrokerTls fromFile) {
        boolean enabled = Boolean.TRUE.equals(tls) || Boolean.TRUE.equals(tlsVerify);
        boolean disabled = Boolean.FALSE.equals(tls) && !Boolean.TRUE.equals(tlsVerify);
        if (disabled) {
            return null;
        }
        if (!enabled && fromFile == null) {
            if (tlsCert != null || tlsKey != null || tlsCaCert != null) {
                throw new IllegalArgumentException("--tlscert, --tlskey, --tlscacert: given without --tls or"
                        + " --tlsverify (expected: --tls or --tlsverify to turn TLS on)");
            }
            return null;
        }
        Path cert = tlsCert != null ? tlsCert : fromFile == null ? null : fromFile.certFile();
        Path key = tlsKey != null ? tlsKey : fromFile == null ? null : fromFile.keyFile();
        Path ca = tlsCaCert != null ? tlsCaCert : fromFile == null ? null : fromFile.caFile();
        boolean verify = tlsVerify != null ? tlsVerify : fromFile != null && fromFile.verify();
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--tls: " + (cert == null ? "--tlscert" : "--tlskey")
                    + " is missing (expected: the server certificate and its key, PEM files)");
        }
        return new BrokerTls(cert, key, ca, verify,
                fromFile == null ? BrokerTls.DEFAULT_TIMEOUT : fromFile.timeout());
    }

    private NatsClientTls natsTls(NatsClientTls fromFile) {
        if (Boolean.FALSE.equals(secure) && tlsClientCert == null && tlsClientKey == null && tlsClientCaCert == null) {
            return null;
        }
        boolean enabled = Boolean.TRUE.equals(secure) || tlsClientCert != null || tlsClientKey != null
                || tlsClientCaCert != null;
        if (!enabled) {
            return fromFile;
        }
        return new NatsClientTls(
                tlsClientCert != null ? tlsClientCert : fromFile == null ? null : fromFile.certFile(),
                tlsClientKey != null ? tlsClientKey : fromFile == null ? null : fromFile.keyFile(),
                tlsClientCaCert != null ? tlsClientCaCert : fromFile == null ? null : fromFile.caFile());
    }
}
