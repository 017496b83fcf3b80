package io.natsjms.server.cli;

import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.Verbosity;

/**
 * What the command line and the configuration files resolve to.
 *
 * @param config    the server's configuration
 * @param verbosity the debug and trace logging asked for
 */
record StartupSettings(ServerConfig config, Verbosity verbosity) {
}
