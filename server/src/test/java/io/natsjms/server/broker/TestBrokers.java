package io.natsjms.server.broker;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * JUnit 5 extension that starts brokers of either kind with a given {@link BrokerConfig} and closes
 * them after each test. Register with {@code @RegisterExtension final TestBrokers brokers = new TestBrokers();}.
 *
 * <p>Without {@code nats-server} on the PATH, nats-server variants are skipped with a message, or fail
 * when the system property {@code natsjms.requireNatsServer} is {@code true} (as on CI).
 */
public final class TestBrokers implements AfterEachCallback {
    static final String REQUIRE_PROPERTY = "natsjms.requireNatsServer";

    private final List<RunningBroker> started = new ArrayList<>();

    /** Starts a broker listening on 127.0.0.1 and an ephemeral port, with otherwise {@code config}. */
    RunningBroker start(BrokerKind kind, BrokerConfig config) {
        BrokerConfig local = config.toBuilder().host("127.0.0.1").port(0).build();
        RunningBroker broker = switch (kind) {
            case EMBEDDED -> embedded(local);
            case NATS_SERVER -> NatsServerProcess.start(natsServerBinary(), local);
        };
        started.add(broker);
        return broker;
    }

    RunningBroker start(BrokerKind kind) {
        return start(kind, BrokerConfig.defaults());
    }

    private static RunningBroker embedded(BrokerConfig config) {
        NatsBroker broker = NatsBroker.start(config);
        return new RunningBroker() {
            @Override
            public BrokerKind kind() {
                return BrokerKind.EMBEDDED;
            }

            @Override
            public int port() {
                return broker.port();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    /** The nats-server executable, or a skipped / failed test when there is none. */
    static Path natsServerBinary() {
        Optional<Path> binary = findNatsServer();
        if (binary.isEmpty()) {
            String message = "nats-server is not on the PATH (install it: apt-get install -y nats-server)";
            if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                Assertions.fail(message + "; " + REQUIRE_PROPERTY + "=true requires it");
            }
            Assumptions.abort(message + "; skipping the nats-server variant");
        }
        return binary.get();
    }

    /** The nats-server executable on the PATH (or in /usr/sbin, where Debian puts it). */
    public static Optional<Path> findNatsServer() {
        return Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nats-server"))
                .filter(Files::isExecutable).findFirst();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (RunningBroker broker : started) {
            broker.close();
        }
        started.clear();
    }
}
