package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JetStreamFlagsTest {

    private final StringWriter err = new StringWriter();

    private ServerConfig resolve(String... args) {
        AtomicReference<ServerConfig> config = new AtomicReference<>();
        int status = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err), (settings, o) -> {
            config.set(settings.config());
            return 0;
        });
        assertThat(status).as("status; stderr: %s", err).isZero();
        return config.get();
    }

    @Test
    void theJetStreamFlagsBecomeStoreOptions() {
        ServerConfig config = resolve("-st", "jetstream", "-ns", "nats://a:4222", "--js_urls=nats://js:4222",
                "-js_replicas", "3", "--js_prefix", "orders", "--js_lease", "1500ms", "--ft_group", "g");

        assertThat(config.storeType()).isEqualTo(StoreType.JETSTREAM);
        assertThat(config.dataDir()).as("no directory needed").isNull();
        assertThat(config.storeOptions()).containsEntry("js_urls", "nats://js:4222")
                .containsEntry("js_replicas", "3").containsEntry("js_prefix", "orders")
                .containsEntry("js_lease_ms", "1500").containsEntry("ft_group", "g");
    }

    @Test
    void aBadReplicaCountIsAUsageError() {
        int status = Main.run(new String[] {"--js_replicas", "many"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err), (settings, o) -> 0);

        assertThat(status).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("many");
    }
}
