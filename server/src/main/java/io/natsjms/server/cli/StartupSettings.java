package io.natsjms.server.cli;

import io.natsjms.server.config.LogOutput;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.Verbosity;
import java.nio.file.Path;

/**
 * What the command line and the configuration files resolve to.
 *
 * @param config    the server's configuration
 * @param verbosity the debug and trace logging asked for
 * @param logOutput where the log goes
 * @param pidFile   the file to write the process ID to, or {@code null}
 */
record StartupSettings(ServerConfig config, Verbosity verbosity, LogOutput logOutput, Path pidFile) {
}
