package io.natsjms.server.cli;

import io.natsjms.server.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The monitoring flags beyond {@code -m}: the original's {@code -ms/--https_port}. The certificate
 * and the basic-authentication credentials are set in the configuration file only
 * ({@code monitor_tls}, {@code monitor_auth}), so that no secret shows in a process listing.
 */
final class MonitorFlags {

    @Option(names = {"-ms", "--https_port"}, paramLabel = "<port>", converter = Converters.MonitorPort.class,
            description = "HTTPS port for monitoring (default: -1, disabled; 0 picks a free port); the certificate "
                    + "comes from monitor_tls in the configuration file")
    Integer httpsPort;

    void applyTo(ServerConfig.Builder builder) {
        if (httpsPort != null) {
            builder.httpsPort(httpsPort);
        }
    }
}
