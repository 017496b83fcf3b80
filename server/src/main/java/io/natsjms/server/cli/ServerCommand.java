package io.natsjms.server.cli;

import io.natsjms.server.config.ConfigFile;
import io.natsjms.server.config.ConfigFileException;
import io.natsjms.server.config.LogOutput;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.config.Verbosity;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The server's flags, named as the original server names them. A flag left out is {@code null}, so
 * that the configuration files' values apply unless the command line overrides them.
 */
@Command(name = "natsjms-server", sortOptions = false, usageHelpWidth = 110,
        description = "Runs a NATS Streaming server. Flags may be written with one or two dashes; "
                + "booleans take an optional value (-SD=false).%n")
final class ServerCommand {

    @Option(names = {"-p", "--port"}, paramLabel = "<port>", converter = Converters.Port.class,
            description = "Port of the embedded NATS broker (default: 4222; 0 picks a free port)")
    Integer port;

    @Option(names = {"-a", "--addr"}, paramLabel = "<host>",
            description = "Address the embedded NATS broker listens on (default: 0.0.0.0)")
    String addr;

    @Option(names = {"-m", "--http_port"}, paramLabel = "<port>", converter = Converters.MonitorPort.class,
            description = "HTTP port for monitoring (default: -1, disabled; 0 picks a free port)")
    Integer httpPort;

    @Mixin
    MonitorFlags monitorFlags = new MonitorFlags();

    @Option(names = {"-c", "--config"}, paramLabel = "<file>", description = "Configuration file")
    Path config;

    @Option(names = {"-cid", "--cluster_id"}, paramLabel = "<string>", description = "Cluster ID (default: test-cluster)")
    String clusterId;

    @Option(names = {"-st", "--store"}, paramLabel = "<string>", converter = Converters.Store.class,
            description = "Store type: MEMORY (default), MAPDB, or FILE (same as MAPDB)")
    StoreType store;

    @Option(names = {"--dir"}, paramLabel = "<string>", description = "Data directory of the MAPDB store")
    Path dir;

    @Option(names = {"-mc", "--max_channels"}, paramLabel = "<int>", converter = Converters.IntCount.class,
            description = "Max number of channels (0 for unlimited; default: 100)")
    Integer maxChannels;

    @Option(names = {"-msu", "--max_subs"}, paramLabel = "<int>", converter = Converters.IntCount.class,
            description = "Max number of subscriptions per channel (0 for unlimited; default: 1000)")
    Integer maxSubs;

    @Option(names = {"-mm", "--max_msgs"}, paramLabel = "<int>", converter = Converters.Count.class,
            description = "Max number of messages per channel (0 for unlimited; default: 1000000)")
    Long maxMsgs;

    @Option(names = {"-mb", "--max_bytes"}, paramLabel = "<size>", converter = Converters.Size.class,
            description = "Max messages total size per channel, like 1KB, 10MB, 1GB (0 for unlimited; default: 976.56 MB)")
    Long maxBytes;

    @Option(names = {"-ma", "--max_age"}, paramLabel = "<duration>", converter = Converters.GoDurationValue.class,
            description = "Max duration a message can be stored, like 1h30m, 10s (0 for unlimited, the default)")
    Duration maxAge;

    @Option(names = {"-mi", "--max_inactivity"}, paramLabel = "<duration>",
            converter = Converters.GoDurationValue.class,
            description = "Max inactivity (no new message, no subscription) after which a channel is deleted "
                    + "(0 for unlimited, the default)")
    Duration maxInactivity;

    @Option(names = {"-ns", "--nats_server"}, paramLabel = "<url>",
            description = "URL of an external NATS server; the embedded broker is not started")
    String natsServer;

    @Option(names = {"-sc", "--stan_config"}, paramLabel = "<file>", description = "Streaming configuration file")
    Path stanConfig;

    @Option(names = {"-hbi", "--hb_interval"}, paramLabel = "<duration>", converter = Converters.GoDurationValue.class,
            description = "Interval at which the server sends heartbeats to a client (default: 30s)")
    Duration hbInterval;

    @Option(names = {"-hbt", "--hb_timeout"}, paramLabel = "<duration>", converter = Converters.GoDurationValue.class,
            description = "How long the server waits for a heartbeat response (default: 10s)")
    Duration hbTimeout;

    @Option(names = {"-hbf", "--hb_fail_count"}, paramLabel = "<int>", converter = Converters.IntCount.class,
            description = "Failed heartbeats before the server closes the client connection (default: 10)")
    Integer hbFailCount;

    @Option(names = {"--dup_window"}, paramLabel = "<duration>", converter = Converters.GoDurationValue.class,
            description = "How long a publish ID is remembered to drop a repeated publish (default: 2m, 0 = off)")
    Duration dupWindow;

    @Option(names = {"--replace_durable"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Replace an online durable subscription instead of failing the subscribe")
    Boolean replaceDurable;

    @Option(names = {"--file_sync"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Sync the store to disk on every commit (default: true)")
    Boolean fileSync;

    @Option(names = {"--user"}, paramLabel = "<user>", description = "User required for connections")
    String user;

    @Option(names = {"--pass"}, paramLabel = "<password>", description = "Password required for connections")
    String pass;

    @Option(names = {"--auth"}, paramLabel = "<token>", description = "Authorization token required for connections")
    String auth;

    /** The TLS flags, kept in their own class. */
    @Mixin
    TlsFlags tlsFlags = new TlsFlags();

    @Option(names = {"-P", "--pid"}, paramLabel = "<file>", description = "File to write the process ID to")
    Path pid;

    @Option(names = {"-l", "--log"}, paramLabel = "<file>",
            description = "File to append the log to, instead of the standard error")
    Path log;

    @Option(names = {"-T", "--logtime"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Timestamp log lines (default: true)")
    Boolean logtime;

    @Option(names = {"-s", "--syslog"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Send the log to this machine's syslog daemon (udp://localhost:514)")
    Boolean syslog;

    @Option(names = {"-r", "--remote_syslog"}, paramLabel = "<addr>", converter = Converters.SyslogAddress.class,
            description = "Send the log to this syslog server, like udp://host:514")
    java.net.InetSocketAddress remoteSyslog;

    @Option(names = {"-D", "--debug"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Debug logging of the NATS broker")
    boolean debug;

    @Option(names = {"-V", "--trace"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Trace logging of the NATS broker")
    boolean trace;

    @Option(names = {"-DV"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Debug and trace logging of the NATS broker")
    boolean debugAndTrace;

    @Option(names = {"-SD", "--stan_debug"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Debug logging of the streaming server")
    boolean stanDebug;

    @Option(names = {"-SV", "--stan_trace"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Trace logging of the streaming server")
    boolean stanTrace;

    @Option(names = {"-SDV"}, paramLabel = "<bool>", arity = "0..1", fallbackValue = "true",
            description = "Debug and trace logging of the streaming server")
    boolean stanDebugAndTrace;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Show the version and exit")
    boolean version;

    /**
     * Reads the configuration files and lays the flags over them.
     *
     * @throws ConfigFileException if a file can't be read or parsed
     * @throws IllegalArgumentException if the result is not a valid configuration
     */
    StartupSettings resolve() throws ConfigFileException {
        List<Path> files = new ArrayList<>();
        if (config != null) {
            files.add(config);
        }
        if (stanConfig != null && !stanConfig.equals(config)) {
            files.add(stanConfig);
        }
        ConfigFile file = files.isEmpty() ? ConfigFile.none() : ConfigFile.load(files);
        ServerConfig.Builder builder = ServerConfig.builder();
        file.applyTo(builder);
        applyFlags(builder);
        builder.security(tlsFlags.over(file.security()));
        builder.storeLimits(limits(file.storeLimits()));
        Map<String, String> options = new HashMap<>(file.storeOptions());
        if (fileSync != null) {
            options.put("fsync", fileSync ? "always" : "never");
        }
        builder.storeOptions(options);
        Verbosity flags = new Verbosity(debug || debugAndTrace, trace || debugAndTrace,
                stanDebug || stanDebugAndTrace, stanTrace || stanDebugAndTrace);
        return new StartupSettings(builder.build(), file.verbosity().or(flags), logOutput(file.logOutput()),
                pid != null ? pid : file.pidFile());
    }

    private LogOutput logOutput(LogOutput fromFile) {
        return new LogOutput(log != null ? log : fromFile.file(),
                logtime != null ? logtime : fromFile.timestamps(),
                syslog != null ? syslog : fromFile.syslog(),
                remoteSyslog != null ? remoteSyslog : fromFile.remoteSyslog());
    }

    private void applyFlags(ServerConfig.Builder builder) {
        setIfGiven(port, builder::port);
        setIfGiven(addr, builder::host);
        setIfGiven(httpPort, builder::monitorPort);
        monitorFlags.applyTo(builder);
        setIfGiven(clusterId, builder::clusterId);
        setIfGiven(store, builder::storeType);
        setIfGiven(dir, builder::dataDir);
        setIfGiven(natsServer, builder::natsUrl);
        setIfGiven(hbInterval, builder::hbInterval);
        setIfGiven(hbTimeout, builder::hbTimeout);
        setIfGiven(hbFailCount, builder::hbFailCount);
        setIfGiven(replaceDurable, builder::replaceDurable);
        setIfGiven(dupWindow, builder::dupWindow);
        setIfGiven(user, builder::user);
        setIfGiven(pass, builder::password);
        setIfGiven(auth, builder::token);
    }

    private StoreLimits limits(StoreLimits fromFile) {
        ChannelLimits defaults = fromFile.channelDefaults();
        if (maxSubs != null) {
            defaults = defaults.withMaxSubscriptions(maxSubs);
        }
        if (maxMsgs != null) {
            defaults = defaults.withMaxMsgs(maxMsgs);
        }
        if (maxBytes != null) {
            defaults = defaults.withMaxBytes(maxBytes);
        }
        if (maxAge != null) {
            defaults = defaults.withMaxAge(maxAge);
        }
        if (maxInactivity != null) {
            defaults = defaults.withMaxInactivity(maxInactivity);
        }
        return new StoreLimits(maxChannels != null ? maxChannels : fromFile.maxChannels(), defaults,
                fromFile.overrides());
    }

    private static <T> void setIfGiven(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
