package io.natsjms.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileTest {

    private static ServerConfig config(String text) throws ConfigFileException {
        ServerConfig.Builder builder = ServerConfig.builder();
        ConfigFile.parse(text, "stan.conf").applyTo(builder);
        return builder.build();
    }

    @Test
    void theDuplicateWindowIsADuration() throws ConfigFileException {
        assertThat(config("dup_window: \"90s\"").dupWindow()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(config("dup_window: 0").dupWindow()).isZero();
    }

    @Test
    void nothingSetKeepsTheDefaults() throws ConfigFileException {
        assertThat(config("# empty")).isEqualTo(ServerConfig.builder().build());
    }

    @Test
    void readsEveryStreamingSetting() throws ConfigFileException {
        ServerConfig config = config("""
                port: 4333
                host: 127.0.0.1
                http_port: 8222
                streaming {
                  cluster_id: my-cluster
                  discover_prefix: "_MY.discover"
                  store: file
                  dir: "/var/lib/stan"
                  nats_server_url: "nats://127.0.0.1:4222"
                  hb_interval: "5s"
                  hb_timeout: 2s
                  hb_fail_count: 3
                  username: me
                  password: secret
                  replace_durable: true
                  file_options { sync_on_flush: false }
                }
                """);
        assertThat(config.port()).isEqualTo(4333);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.monitor().httpPort()).isEqualTo(8222);
        assertThat(config.clusterId()).isEqualTo("my-cluster");
        assertThat(config.discoverPrefix()).isEqualTo("_MY.discover");
        assertThat(config.storeType()).isEqualTo(StoreType.MAPDB);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/stan"));
        assertThat(config.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(config.hbInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.hbTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.hbFailCount()).isEqualTo(3);
        assertThat(config.user()).isEqualTo("me");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.replaceDurable()).isTrue();
        assertThat(config.storeOptions()).containsExactly(Map.entry("fsync", "never"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "cid", "cluster_id", "ID", "Cluster_Id"})
    void clusterIdAliasesWorkAtTopLevelAndInStreaming(String key) throws ConfigFileException {
        assertThat(config(key + ": c1").clusterId()).isEqualTo("c1");
        assertThat(config("streaming { " + key + ": c2 }").clusterId()).isEqualTo("c2");
    }

    @Test
    void otherAliasesMapToTheSameSetting() throws ConfigFileException {
        ServerConfig config = config("st: MAPDB\ndatastore: d\nns: nats://h:1\nhbi: 1s\nhbt: 1s\nhbf: 1\n"
                + "user: u\npass: p\nreplace_durables: yes\nfile { do_sync: true }");
        assertThat(config.storeType()).isEqualTo(StoreType.MAPDB);
        assertThat(config.dataDir()).isEqualTo(Path.of("d"));
        assertThat(config.natsUrl()).isEqualTo("nats://h:1");
        assertThat(config.hbInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.hbFailCount()).isEqualTo(1);
        assertThat(config.replaceDurable()).isTrue();
        assertThat(config.storeOptions()).containsEntry("fsync", "always");
        assertThat(config("token: t").token()).isEqualTo("t");
        assertThat(config("store_type: memory").storeType()).isEqualTo(StoreType.MEMORY);
    }

    @Test
    void readsGlobalAndPerChannelLimits() throws ConfigFileException {
        StoreLimits limits = config("""
                store_limits {
                  max_channels: 10
                  max_msgs: 500
                  max_bytes: 1MB
                  max_age: "1h"
                  max_subs: 20
                  max_inactivity: 10m30s
                  channels: {
                    "foo.*": { mm: 100, mb: "10KB" }
                    "foo.bar": { max_msgs: 0, max_age: "10s" }
                    bar: { max_subscriptions: 0, mi: 0 }
                  }
                }
                """).storeLimits();
        assertThat(limits.maxChannels()).isEqualTo(10);
        assertThat(limits.channelDefaults()).isEqualTo(new ChannelLimits(500, 1 << 20, Duration.ofHours(1), 20,
                Duration.ofMinutes(10).plusSeconds(30)));
        assertThat(limits.forChannel("foo.baz")).isEqualTo(new ChannelLimits(100, 10 * 1024, Duration.ofHours(1),
                20, Duration.ofMinutes(10).plusSeconds(30)));
        // 0 in the file means unlimited for one channel; missing keys inherit from foo.* then the defaults
        assertThat(limits.forChannel("foo.bar")).isEqualTo(new ChannelLimits(0, 10 * 1024, Duration.ofSeconds(10),
                20, Duration.ofMinutes(10).plusSeconds(30)));
        assertThat(limits.forChannel("bar")).isEqualTo(new ChannelLimits(500, 1 << 20, Duration.ofHours(1), 0,
                Duration.ZERO));
    }

    @Test
    void limitAliasesWork() throws ConfigFileException {
        StoreLimits limits = config("limits { mc: 0, mm: 1, max_count: 2, mb: 3, ma: 4s, msu: 5, mi: 6s,"
                + " per_channel_limits { a: { max_count: 7 } } }").storeLimits();
        assertThat(limits.maxChannels()).isZero();
        assertThat(limits.channelDefaults()).isEqualTo(new ChannelLimits(2, 3, Duration.ofSeconds(4), 5,
                Duration.ofSeconds(6)));
        assertThat(limits.forChannel("a").maxMsgs()).isEqualTo(7);
        assertThat(config("storelimits { per_channel { b: { mm: 1 } } }").storeLimits().overrides())
                .containsKey("b");
        assertThat(config("streaming { store_limits { channels_limits { c: { mm: 1 } } } }").storeLimits()
                .overrides()).containsKey("c");
    }

    @Test
    void readsTheDebugAndTraceSettings() throws ConfigFileException {
        assertThat(ConfigFile.parse("sd: true\nstreaming { stan_trace: true }", "f").verbosity())
                .isEqualTo(new Verbosity(false, false, true, true));
        assertThat(ConfigFile.parse("debug: true\ntrace: true\nsv: false", "f").verbosity())
                .isEqualTo(new Verbosity(true, true, false, false));
    }

    @Test
    void originalKeysNatsjmsDoesNotUseAreIgnored() throws ConfigFileException {
        ServerConfig config = config("ft_group: g\nstreaming { encrypt: false\n sql_options { driver: mysql } }\n"
                + "file { compact_enabled: true, crc: false }\ncid: kept");
        assertThat(config.clusterId()).isEqualTo("kept");
    }

    @Test
    void unknownKeysAreErrorsNamingKeyAndLine() {
        assertThatThrownBy(() -> config("cid: x\n\nbogus: 1"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("stan.conf:3: unknown key 'bogus' (expected: a streaming server setting)");
        assertThatThrownBy(() -> config("streaming {\n port: 1\n}"))
                .hasMessage("stan.conf:2: unknown key 'port' (expected: a streaming server setting)");
        assertThatThrownBy(() -> config("store_limits {\n max_msg: 1\n}"))
                .hasMessageStartingWith("stan.conf:2: unknown key 'max_msg' in store_limits (expected: max_msgs");
        assertThatThrownBy(() -> config("store_limits { channels {\n foo: {\n max_channels: 1 } } }"))
                .hasMessageStartingWith("stan.conf:3: unknown key 'max_channels' in a channel's limits");
        assertThatThrownBy(() -> config("file {\n\n sink: 1 }"))
                .hasMessageStartingWith("stan.conf:3: unknown key 'sink'");
    }

    @Test
    void badValuesAreErrorsNamingKeyValueAndLine() {
        assertThatThrownBy(() -> config("\nhb_interval: 10"))
                .hasMessage("stan.conf:2: hb_interval: 10 (expected: a duration like 1h30m, 10s or 500ms)");
        assertThatThrownBy(() -> config("store: sql"))
                .hasMessage("stan.conf:1: store: \"sql\" (expected: MEMORY, MAPDB or FILE)");
        assertThatThrownBy(() -> config("limits {\n max_msgs: -1 }"))
                .hasMessage("stan.conf:2: max_msgs: -1 (expected: >= 0)");
        assertThatThrownBy(() -> config("limits { max_bytes: \"lots\" }"))
                .hasMessage("stan.conf:1: max_bytes: \"lots\" (expected: a size like 1024, 1KB, 10MB or 1GB)");
        assertThatThrownBy(() -> config("port: abc"))
                .hasMessage("stan.conf:1: port: \"abc\" (expected: an integer)");
        assertThatThrownBy(() -> config("dup_window: \"soon\""))
                .hasMessage("stan.conf:1: dup_window: \"soon\" (expected: a duration like 1h30m, 10s or 500ms)");
        assertThatThrownBy(() -> config("replace_durable: maybe"))
                .hasMessage("stan.conf:1: replace_durable: \"maybe\" (expected: true or false)");
        assertThatThrownBy(() -> config("streaming: 1"))
                .hasMessage("stan.conf:1: streaming: 1 (expected: a block in { })");
        assertThatThrownBy(() -> config("limits { channels {\n \"foo..bar\": { mm: 1 } } }"))
                .hasMessageStartingWith("stan.conf:2: channel \"foo..bar\" (expected:");
        assertThatThrownBy(() -> config("limits { max_channels: 1\n channels {\n a: { mm: 1 }\n b: { mm: 1 } } }"))
                .hasMessage("stan.conf:2: store_limits: too many channels defined (2). The max channels limit "
                        + "is set to 1");
    }

    @Test
    void laterFilesOverrideEarlierOnes(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("nats.conf"), "port: 1\ncid: one\nlimits { mm: 5, mb: 6 }");
        Path second = Files.writeString(dir.resolve("stan.conf"), "cid: two\nlimits { mm: 7 }");
        ConfigFile file = ConfigFile.load(List.of(first, second));
        ServerConfig.Builder builder = ServerConfig.builder();
        file.applyTo(builder);
        ServerConfig config = builder.build();
        assertThat(config.port()).isEqualTo(1);
        assertThat(config.clusterId()).isEqualTo("two");
        assertThat(config.storeLimits().channelDefaults().maxMsgs()).isEqualTo(7);
        assertThat(config.storeLimits().channelDefaults().maxBytes()).isEqualTo(6);
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> ConfigFile.load(List.of(missing)))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith(missing + ": can't be read");
    }
}
