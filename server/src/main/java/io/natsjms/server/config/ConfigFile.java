package io.natsjms.server.config;

import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The settings read from configuration files in the original server's format (see
 * {@link ConfigParser} for the syntax). Streaming keys may be at the top level or inside a
 * {@code streaming { }} block; the names and aliases are the original server's (case-insensitive).
 * The embedded broker's {@code port}, {@code host}/{@code net}, the monitoring keys ({@code http_port},
 * {@code https_port}, {@code http_host}, {@code monitor_tls}, {@code monitor_auth}) and the logging
 * keys are read at the top level. Keys of the original server
 * that natsjms has no use for (clustering, SQL, TLS, encryption, file store tuning...) are logged
 * and ignored; any other key is an error.
 */
public final class ConfigFile {

    private static final System.Logger LOG = System.getLogger(ConfigFile.class.getName());

    /** Keys of the original server that natsjms accepts and ignores. */
    private static final Set<String> IGNORED = Set.of("credentials", "sql", "sql_options",
            "ft_group", "partitioning", "cluster", "syslog_name", "encrypt", "encryption_cipher",
            "encryption_key", "nkey_seed_file");
    private static final Set<String> IGNORED_FILE_OPTIONS = Set.of("compact", "compact_enabled", "compact_frag",
            "compact_interval", "compact_min_size", "buffer_size", "crc", "do_crc", "crc_poly", "slice_max_msgs",
            "slice_max_bytes", "slice_max_age", "slice_archive_script", "fds_limit", "parallel_recovery",
            "read_buffer_size", "auto_sync", "truncate_bad_eof");

    private final List<Consumer<ServerConfig.Builder>> settings = new ArrayList<>();
    private final Map<String, String> storeOptions = new HashMap<>();
    private StoreLimits storeLimits = StoreLimits.defaults();
    private Verbosity verbosity = Verbosity.QUIET;
    private LogOutput logOutput = LogOutput.CONSOLE;
    private Path pidFile;
    private final SecuritySection security = new SecuritySection();
    private SecuritySettings securitySettings = SecuritySettings.none();

    private ConfigFile() {
    }

    /** No file: nothing set. */
    public static ConfigFile none() {
        return new ConfigFile();
    }

    /**
     * Reads the files in order; a later file's values override an earlier one's.
     *
     * @throws ConfigFileException naming the file, the line and what was expected
     */
    public static ConfigFile load(List<Path> files) throws ConfigFileException {
        ConfigFile result = new ConfigFile();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigFileException(file.toString(), "can't be read (" + e + ")", e);
            }
            result.read(ConfigParser.parse(text, file.toString()));
        }
        result.securitySettings = result.security.settings();
        return result;
    }

    /** Reads configuration text; {@code source} names it in error messages. */
    public static ConfigFile parse(String text, String source) throws ConfigFileException {
        ConfigFile result = new ConfigFile();
        result.read(ConfigParser.parse(text, source));
        result.securitySettings = result.security.settings();
        return result;
    }

    /** Sets on {@code builder} everything the files set, limits and store options included. */
    public void applyTo(ServerConfig.Builder builder) {
        settings.forEach(setting -> setting.accept(builder));
        builder.security(securitySettings);
        builder.storeLimits(storeLimits);
        builder.storeOptions(storeOptions());
    }

    /** The TLS and authorization settings the files set (nothing unless they do). */
    public SecuritySettings security() {
        return securitySettings;
    }

    /** The store limits: the defaults with what the files set. */
    public StoreLimits storeLimits() {
        return storeLimits;
    }

    /** The store options the files set (for example {@code fsync}). */
    public Map<String, String> storeOptions() {
        return Map.copyOf(storeOptions);
    }

    /** The debug and trace logging the files asked for. */
    public Verbosity verbosity() {
        return verbosity;
    }

    /** Where the files send the log ({@link LogOutput#CONSOLE} unless they say). */
    public LogOutput logOutput() {
        return logOutput;
    }

    /** The file the files ask the process ID to be written to ({@code pid_file}), or {@code null}. */
    public Path pidFile() {
        return pidFile;
    }

    private void read(Map<String, ConfigValue> top) throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : top.entrySet()) {
            String key = entry.getKey();
            ConfigValue value = entry.getValue();
            String name = key.toLowerCase(Locale.ROOT);
            switch (name) {
                case "streaming" -> readStreaming(value.asMap(key));
                case "port" -> set(value.asInt(key), (b, v) -> b.port(v));
                case "host", "net" -> set(value.asString(key), (b, v) -> b.host(v));
                case "http_port", "monitor_port", "monitoring_port" ->
                        set(value.asInt(key), (b, v) -> b.monitorPort(v));
                case "http_host", "monitoring_host" -> set(value.asString(key), (b, v) -> b.monitorHost(v));
                case "https_port" -> set(value.asInt(key), (b, v) -> b.httpsPort(v));
                case "monitor_tls" -> set(MonitorSection.tls(key, value), (b, v) -> b.monitorTls(v));
                case "monitor_auth" -> set(MonitorSection.auth(key, value), (b, v) -> b.monitorAuth(v));
                case "debug" -> verbosity = verbosity.or(new Verbosity(value.asBoolean(key), false, false, false));
                case "trace" -> verbosity = verbosity.or(new Verbosity(false, value.asBoolean(key), false, false));
                case "log_file" -> logOutput = new LogOutput(Path.of(value.asString(key)), logOutput.timestamps(),
                        logOutput.syslog(), logOutput.remoteSyslog());
                case "logtime" -> logOutput = new LogOutput(logOutput.file(), value.asBoolean(key),
                        logOutput.syslog(), logOutput.remoteSyslog());
                case "syslog" -> logOutput = new LogOutput(logOutput.file(), logOutput.timestamps(),
                        value.asBoolean(key), logOutput.remoteSyslog());
                case "remote_syslog" -> logOutput = new LogOutput(logOutput.file(), logOutput.timestamps(),
                        logOutput.syslog(), syslogAddress(key, value));
                case "pid_file" -> pidFile = Path.of(value.asString(key));
                // TLS and authorization, in nats-server's syntax (SecuritySection)
                case "tls" -> security.tls(key, value, true);
                case "authorization" -> security.authorization(key, value, singleUser());
                default -> readStreamingKey(key, value);
            }
        }
    }

    private void readStreaming(Map<String, ConfigValue> block) throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            readStreamingKey(entry.getKey(), entry.getValue());
        }
    }

    private void readStreamingKey(String key, ConfigValue value) throws ConfigFileException {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "id", "cid", "cluster_id" -> set(value.asString(key), (b, v) -> b.clusterId(v));
            case "discover_prefix" -> set(value.asString(key), (b, v) -> b.discoverPrefix(v));
            case "st", "store", "store_type", "storetype" -> set(storeType(key, value), (b, v) -> b.storeType(v));
            case "dir", "datastore" -> set(Path.of(value.asString(key)), (b, v) -> b.dataDir(v));
            case "ns", "nats_server", "nats_server_url" -> set(value.asString(key), (b, v) -> b.natsUrl(v));
            case "hbi", "hb_interval", "server_to_client_hb_interval" ->
                    set(value.asDuration(key), (b, v) -> b.hbInterval(v));
            case "hbt", "hb_timeout", "server_to_client_hb_timeout" ->
                    set(value.asDuration(key), (b, v) -> b.hbTimeout(v));
            case "hbf", "hb_fail_count", "server_to_client_hb_fail_count" ->
                    set(value.asInt(key), (b, v) -> b.hbFailCount(v));
            case "user", "username" -> set(value.asString(key), (b, v) -> b.user(v));
            case "pass", "password" -> set(value.asString(key), (b, v) -> b.password(v));
            case "token" -> set(value.asString(key), (b, v) -> b.token(v));
            case "dup_window" -> set(value.asDuration(key), (b, v) -> b.dupWindow(v));
            case "replace_durable", "replace_durables" -> set(value.asBoolean(key), (b, v) -> b.replaceDurable(v));
            case "sd", "stan_debug" -> verbosity = verbosity.or(new Verbosity(false, false, value.asBoolean(key), false));
            case "sv", "stan_trace" -> verbosity = verbosity.or(new Verbosity(false, false, false, value.asBoolean(key)));
            case "store_limits", "limits", "storelimits" -> storeLimits = LimitsSection.read(value.asMap(key), storeLimits);
            case "file", "file_options" -> readFileOptions(value.asMap(key));
            case "secure" -> security.secure(key, value);
            case "tls" -> security.tls(key, value, false);
            default -> ignoreOrFail(key, value, IGNORED, "a streaming server setting");
        }
    }

    /** Where the single user, password or token of an {@code authorization} block go. */
    private SecuritySection.SingleUser singleUser() {
        return new SecuritySection.SingleUser() {
            @Override
            public void user(String value) {
                set(value, (b, v) -> b.user(v));
            }

            @Override
            public void password(String value) {
                set(value, (b, v) -> b.password(v));
            }

            @Override
            public void token(String value) {
                set(value, (b, v) -> b.token(v));
            }

            @Override
            public void ignored(String key, ConfigValue value) {
                LOG.log(Level.WARNING, () -> value.source() + ":" + value.line() + ": '" + key
                        + "' is not supported by natsjms and is ignored");
            }
        };
    }

    private void readFileOptions(Map<String, ConfigValue> block) throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            String key = entry.getKey();
            ConfigValue value = entry.getValue();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "sync", "do_sync", "sync_on_flush" ->
                        storeOptions.put("fsync", value.asBoolean(key) ? "always" : "never");
                default -> ignoreOrFail(key, value, IGNORED_FILE_OPTIONS, "a file store option such as sync");
            }
        }
    }

    private static void ignoreOrFail(String key, ConfigValue value, Set<String> ignored, String expected)
            throws ConfigFileException {
        if (!ignored.contains(key.toLowerCase(Locale.ROOT))) {
            throw value.error("unknown key '" + key + "' (expected: " + expected + ")");
        }
        LOG.log(Level.WARNING, () -> value.source() + ":" + value.line() + ": '" + key
                + "' is not supported by natsjms and is ignored");
    }

    private static java.net.InetSocketAddress syslogAddress(String key, ConfigValue value)
            throws ConfigFileException {
        try {
            return LogOutput.syslogAddress(value.asString(key));
        } catch (IllegalArgumentException e) {
            throw value.expected(key, "udp://host:port, udp://host or host:port");
        }
    }

    private static StoreType storeType(String key, ConfigValue value) throws ConfigFileException {
        try {
            return StoreType.parse(value.asString(key));
        } catch (IllegalArgumentException e) {
            throw value.expected(key, "MEMORY, MAPDB or FILE");
        }
    }

    private <T> void set(T value, java.util.function.BiConsumer<ServerConfig.Builder, T> setter) {
        settings.add(builder -> setter.accept(builder, value));
    }
}
