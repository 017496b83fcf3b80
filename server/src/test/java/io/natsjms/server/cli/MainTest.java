package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.LogOutput;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.config.Verbosity;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private StartupSettings launched;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err), (settings, o) -> {
            launched = settings;
            return 0;
        });
    }

    private ServerConfig config(String... args) {
        int status = run(args);
        assertThat(status).as("exit status; stderr: %s", err).isZero();
        return launched.config();
    }

    @Test
    void noFlagsGiveTheOriginalDefaults() {
        ServerConfig config = config();
        assertThat(config).isEqualTo(ServerConfig.builder().build());
        assertThat(config.port()).isEqualTo(4222);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.clusterId()).isEqualTo("test-cluster");
        assertThat(config.storeType()).isEqualTo(StoreType.MEMORY);
        assertThat(config.storeLimits()).isEqualTo(StoreLimits.defaults());
        assertThat(config.natsUrl()).isNull();
        assertThat(launched.verbosity()).isEqualTo(Verbosity.QUIET);
    }

    @ParameterizedTest
    @CsvSource({"-p,--port", "-a,--addr", "-cid,--cluster_id", "-st,--store", "-mc,--max_channels",
            "-msu,--max_subs", "-mm,--max_msgs", "-mb,--max_bytes", "-ma,--max_age", "-mi,--max_inactivity",
            "-hbi,--hb_interval", "-hbt,--hb_timeout", "-hbf,--hb_fail_count", "-m,--http_port",
            "-ns,--nats_server", "--dir,--dir", "--user,--user", "--auth,--auth"})
    void shortAndLongNamesWithOneOrTwoDashesAreTheSameFlag(String shortName, String longName) {
        String value = sampleValue(longName);
        ServerConfig expected = config(extra(longName, shortName, value));
        String bareShort = shortName.replaceFirst("^-+", "");
        String bareLong = longName.replaceFirst("^-+", "");
        for (String spelling : new String[] {"-" + bareShort, "--" + bareShort, "-" + bareLong, "--" + bareLong}) {
            assertThat(config(extra(longName, spelling, value))).as(spelling).isEqualTo(expected);
            assertThat(config(extra(longName, spelling + "=" + value))).as(spelling + "=").isEqualTo(expected);
        }
        assertThat(expected).isNotEqualTo(ServerConfig.builder().build());
    }

    /** The flag and its value, plus what the flag needs to make a valid configuration. */
    private static String[] extra(String longName, String... flag) {
        if (longName.equals("--store")) {
            return concat(flag, "--dir", "data");
        }
        if (longName.equals("--user")) {
            return concat(flag, "--pass", "pw");
        }
        return flag;
    }

    private static String[] concat(String[] a, String... b) {
        String[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static String sampleValue(String flag) {
        return switch (flag) {
            case "--addr" -> "127.0.0.1";
            case "--cluster_id" -> "other";
            case "--store" -> "MAPDB";
            case "--max_bytes" -> "10MB";
            case "--max_age", "--max_inactivity", "--hb_interval", "--hb_timeout" -> "1h30m";
            case "--nats_server" -> "nats://127.0.0.1:4222";
            case "--dir" -> "data";
            case "--user", "--auth" -> "someone";
            default -> "7";
        };
    }

    @Test
    void everyFlagSetsItsSetting() {
        ServerConfig config = config("-p", "0", "-a", "127.0.0.1", "-cid", "c1", "-st", "file", "--dir", "d",
                "-mc", "5", "-msu", "6", "-mm", "7", "-mb", "1KB", "-ma", "10s", "-mi", "500ms", "-hbi", "1s",
                "-hbt", "2s", "-hbf", "3", "-m", "8222", "-ns", "nats://h:1", "--user", "u", "--pass", "p",
                "--replace_durable", "--file_sync=false");
        assertThat(config.port()).isZero();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.clusterId()).isEqualTo("c1");
        assertThat(config.storeType()).isEqualTo(StoreType.MAPDB);
        assertThat(config.dataDir()).isEqualTo(Path.of("d"));
        assertThat(config.storeLimits()).isEqualTo(new StoreLimits(5,
                new ChannelLimits(7, 1024, Duration.ofSeconds(10), 6, Duration.ofMillis(500)), Map.of()));
        assertThat(config.hbInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.hbTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.hbFailCount()).isEqualTo(3);
        assertThat(config.monitor().httpPort()).isEqualTo(8222);
        assertThat(config.natsUrl()).isEqualTo("nats://h:1");
        assertThat(config.user()).isEqualTo("u");
        assertThat(config.password()).isEqualTo("p");
        assertThat(config.replaceDurable()).isTrue();
        assertThat(config.storeOptions()).containsExactly(Map.entry("fsync", "never"));
        assertThat(config("--auth", "tok").token()).isEqualTo("tok");
    }

    @ParameterizedTest
    @CsvSource({"--file_sync,always", "--file_sync=true,always", "--file_sync=false,never", "-file_sync=false,never",
            "--file_sync=FALSE,never"})
    void fileSyncTakesAnOptionalGoStyleValue(String flag, String fsync) {
        assertThat(config(flag).storeOptions()).containsEntry("fsync", fsync);
    }

    @Test
    void theDuplicateWindowIsAGoDurationAndZeroTurnsItOff() {
        assertThat(config().dupWindow()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(config("--dup_window", "30s").dupWindow()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(config("--dup_window=0").dupWindow()).isZero();
    }

    @Test
    void booleansTakeAnOptionalValue() {
        assertThat(config("--replace_durable").replaceDurable()).isTrue();
        assertThat(config("-replace_durable=false").replaceDurable()).isFalse();
        assertThat(config("--replace_durable", "-cid", "x").clusterId()).isEqualTo("x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-D|true|false|false|false", "--debug|true|false|false|false", "-V|false|true|false|false",
        "-DV|true|true|false|false", "-SD|false|false|true|false", "--stan_debug|false|false|true|false",
        "-SV|false|false|false|true", "--stan_trace|false|false|false|true", "-SDV|false|false|true|true",
        "-SDV=false|false|false|false|false"})
    void debugAndTraceFlags(String flag, boolean natsDebug, boolean natsTrace, boolean stanDebug, boolean stanTrace) {
        config(flag);
        assertThat(launched.verbosity()).isEqualTo(new Verbosity(natsDebug, natsTrace, stanDebug, stanTrace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-l", "--log", "-log"})
    void theLogFlagNamesTheLogFile(String flag) {
        config(flag, "/var/log/natsjms.log");
        assertThat(launched.logOutput()).isEqualTo(new LogOutput(Path.of("/var/log/natsjms.log"), true, false, null));
        assertThat(launched.logOutput().elsewhere()).isTrue();
    }

    @Test
    void withoutLoggingFlagsTheLogGoesToStandardErrorWithTimestamps() {
        config();
        assertThat(launched.logOutput()).isEqualTo(LogOutput.CONSOLE);
        assertThat(launched.logOutput().elsewhere()).isFalse();
        assertThat(launched.pidFile()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-T=false|false|false|", "--logtime=false|false|false|", "-T|true|false|",
        "-s|true|true|", "--syslog|true|true|", "-syslog=false|true|false|",
        "-r=udp://logs.example:1514|true|false|logs.example:1514", "--remote_syslog=udp://logs|true|false|logs:514",
        "-r=127.0.0.1:5514|true|false|127.0.0.1:5514"})
    void loggingFlagsOfTheOriginalAreAccepted(String flag, boolean timestamps, boolean syslog, String remote) {
        config(flag);
        LogOutput output = launched.logOutput();
        assertThat(output.timestamps()).isEqualTo(timestamps);
        assertThat(output.syslog()).isEqualTo(syslog);
        assertThat(output.remoteSyslog() == null ? null
                : output.remoteSyslog().getHostString() + ":" + output.remoteSyslog().getPort()).isEqualTo(remote);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://logs:514", "udp://:514", "udp://logs:port", "logs:70000"})
    void aRemoteSyslogAddressThatIsNotUdpIsAUsageError(String address) {
        assertThat(run("-r", address)).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("'--remote_syslog'").contains(address)
                .contains("expected: udp://host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-P", "--pid"})
    void thePidFlagNamesThePidFile(String flag) {
        config(flag, "/run/natsjms.pid");
        assertThat(launched.pidFile()).isEqualTo(Path.of("/run/natsjms.pid"));
    }

    @Test
    void monitoringListensOnTheAddressOfTheBrokerUnlessTheConfigurationSaysOtherwise(@TempDir Path dir)
            throws Exception {
        assertThat(config().monitor().host()).isEqualTo("0.0.0.0");
        assertThat(config("-a", "127.0.0.1", "-m", "8222").monitor().host()).isEqualTo("127.0.0.1");
        Path file = Files.writeString(dir.resolve("nats.conf"), "http_host: 127.0.0.2\n");
        assertThat(config("-c", file.toString(), "-a", "127.0.0.1").monitor().host()).isEqualTo("127.0.0.2");
    }

    @Test
    void loggingKeysOfTheConfigurationFileAreReadAndFlagsOverrideThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("nats.conf"), """
                log_file: "/tmp/from-file.log"
                logtime: false
                syslog: true
                remote_syslog: "udp://logs.example:1514"
                pid_file: "/tmp/from-file.pid"
                """);
        config("-c", file.toString());
        assertThat(launched.logOutput()).isEqualTo(new LogOutput(Path.of("/tmp/from-file.log"), false, true,
                java.net.InetSocketAddress.createUnresolved("logs.example", 1514)));
        assertThat(launched.pidFile()).isEqualTo(Path.of("/tmp/from-file.pid"));
        config("-c", file.toString(), "--log", "/tmp/flag.log", "-T", "-s=false", "-P", "/tmp/flag.pid");
        assertThat(launched.logOutput()).isEqualTo(new LogOutput(Path.of("/tmp/flag.log"), true, false,
                java.net.InetSocketAddress.createUnresolved("logs.example", 1514)));
        assertThat(launched.pidFile()).isEqualTo(Path.of("/tmp/flag.pid"));
    }

    @Test
    void commandLineValuesOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stan.conf"), """
                streaming {
                  cluster_id: from-file
                  hb_fail_count: 4
                  sd: true
                  store_limits {
                    max_msgs: 10
                    max_bytes: 20
                    channels { "foo.>": { max_msgs: 3 } }
                  }
                  file { sync: false }
                }
                """);
        ServerConfig fromFile = config("-sc", file.toString());
        assertThat(fromFile.clusterId()).isEqualTo("from-file");
        assertThat(fromFile.hbFailCount()).isEqualTo(4);
        assertThat(fromFile.storeLimits().channelDefaults().maxMsgs()).isEqualTo(10);
        assertThat(fromFile.storeOptions()).containsEntry("fsync", "never");
        assertThat(launched.verbosity().stanDebug()).isTrue();

        ServerConfig overridden = config("-c", file.toString(), "-cid", "from-flag", "-mm", "11", "--file_sync");
        assertThat(overridden.clusterId()).isEqualTo("from-flag");
        assertThat(overridden.hbFailCount()).isEqualTo(4);
        assertThat(overridden.storeLimits().channelDefaults().maxMsgs()).isEqualTo(11);
        assertThat(overridden.storeLimits().channelDefaults().maxBytes()).isEqualTo(20);
        assertThat(overridden.storeLimits().forChannel("foo.bar").maxMsgs()).isEqualTo(3);
        assertThat(overridden.storeOptions()).containsEntry("fsync", "always");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-p|abc|'--port': \"abc\" is not a port (expected: 0 to 65535)",
        "-p|70000|'--port': \"70000\" is out of range (expected: 0 to 65535)",
        "-m|-2|'--http_port': \"-2\" is out of range (expected: -1 or 0 to 65535)",
        "-mb|1XB|'--max_bytes': \"1XB\" is not a size",
        "-mm|-5|'--max_msgs': \"-5\" is negative (expected: >= 0)",
        "-mc|ten|'--max_channels': \"ten\" is not an integer (expected: an integer >= 0)",
        "-msu|99999999999|'--max_subs': \"99999999999\" is too large",
        "-ma|10|'--max_age': \"10\" is not a duration",
        "-mi|-1s|'--max_inactivity': \"-1s\" is negative (expected: >= 0)",
        "-hbi|soon|'--hb_interval': \"soon\" is not a duration",
        "-st|SQL|'--store': \"SQL\" is not a store (expected: MEMORY, MAPDB or FILE)",
        "--file_sync=|maybe|'--file_sync'"})
    void badValuesNameTheFlagAndTheValue(String flag, String value, String message) {
        String[] args = flag.endsWith("=") ? new String[] {flag + value} : new String[] {flag, value};
        assertThat(run(args)).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains(message.replace("'--", "option '--")).contains(value)
                .contains("Try 'natsjms-server --help'");
        assertThat(launched).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "-x", "-mcc"})
    void unknownFlagsAreNamed(String flag) {
        assertThat(run(flag, "1")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains(flag);
    }

    @Test
    void invalidCombinationsAreUsageErrors() {
        assertThat(run("-st", "MAPDB")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("dir: not set (expected: a data directory for the MAPDB store)");
    }

    @Test
    void invalidClusterIdIsAUsageError() {
        assertThat(run("-cid", "a b")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("cluster_id: \"a b\"");
    }

    @Test
    void configFileErrorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.conf"), "cid: x\nwhat: 1\n");
        assertThat(run("-sc", file.toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains(file + ":2: unknown key 'what'");
    }

    @Test
    void helpAndVersionExitWithZero() {
        assertThat(run("-h")).isZero();
        assertThat(out.toString()).contains("Usage: natsjms-server").contains("-cid, --cluster_id");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("natsjms-server version ");
        assertThat(launched).isNull();
    }

    @Test
    void aServerThatCannotStartExitsWithOne() {
        int status = Main.run(new String[0], new PrintWriter(out), new PrintWriter(err), (settings, o) -> {
            throw new java.io.IOException("no NATS at nats://nowhere:1");
        });
        assertThat(status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(err.toString()).contains("can't start the server: no NATS at nats://nowhere:1");
    }

    @Test
    void printsTheStoreLimitsTable() {
        StringWriter table = new StringWriter();
        StoreLimits limits = StoreLimits.defaults()
                .withChannelDefaults(ChannelLimits.defaults().withMaxAge(Duration.ofHours(1)))
                .withOverrides(Map.of("foo.*", ChannelLimits.inherit().withMaxMsgs(100).withMaxBytes(-1)));
        LimitsTable.print(limits, new PrintWriter(table, true));
        assertThat(table.toString()).isEqualToNormalizingNewlines("""
                ---------- Store Limits ----------
                Channels:           100 *
                --------- Channels Limits --------
                  Subscriptions:          1000 *
                  Messages     :       1000000 *
                  Bytes        :     976.56 MB *
                  Age          :        1h0m0s
                  Inactivity   :     unlimited *
                --------- List of Channels ---------
                foo.*
                 |-> Messages                 100
                 |-> Bytes              unlimited
                ----------------------------------
                """);
    }
}
