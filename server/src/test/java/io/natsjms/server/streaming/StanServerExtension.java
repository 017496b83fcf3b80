package io.natsjms.server.streaming;

import io.natsjms.server.broker.TestBrokers;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.io.IOException;
import java.nio.file.Files;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a NATS server ({@link TestNats}: the embedded broker, or a {@code nats-server} child process)
 * and a {@link StreamingServer} (memory store) over it for every test, configured by {@link StanConfig}, and hands the test a
 * {@link StanTestServer}. Everything the test opened through it is closed after the test.
 */
final class StanServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StanServerExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (TestNats.external()) {
            Assumptions.assumeTrue(TestBrokers.findNatsServer().isPresent() || Boolean.getBoolean("natsjms.requireNatsServer"),
                    "nats-server is not installed");
        }
        ServerConfig config = configFor(context);
        StanTestServer server = StanTestServer.start(config);
        context.getStore(NAMESPACE).put(StanTestServer.class, server);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StanTestServer server = context.getStore(NAMESPACE).remove(StanTestServer.class, StanTestServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StanTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(StanTestServer.class, StanTestServer.class);
    }

    /**
     * {@code mapdb} runs the suite on the MapDB store (in a fresh directory per test) instead of memory;
     * {@code jetstream} on the JetStream store (a prefix of its own per test in one shared nats-server -js).
     */
    static final String STORE_PROPERTY = "natsjms.test.store";

    private static ServerConfig configFor(ExtensionContext context) throws IOException {
        Optional<StanConfig> annotation = find(context.getTestMethod().orElse(null))
                .or(() -> find(context.getTestClass().orElse(null)));
        ServerConfig.Builder builder = ServerConfig.builder().clusterId("conformance");
        annotation.ifPresent(a -> apply(a, builder));
        if ("jetstream".equals(System.getProperty(STORE_PROPERTY))) {
            builder.storeType(StoreType.JETSTREAM).storeOptions(java.util.Map.of(
                    StoreOpening.JS_URLS, SharedJetStream.url(), StoreOpening.JS_PREFIX, SharedJetStream.newPrefix()));
        } else if (annotation.map(StanConfig::persistent).orElse(false)
                || "mapdb".equals(System.getProperty(STORE_PROPERTY))) {
            builder.storeType(StoreType.MAPDB).dataDir(Files.createTempDirectory("natsjms-stan-"));
        }
        return builder.build();
    }

    private static Optional<StanConfig> find(AnnotatedElement element) {
        return element == null ? Optional.empty() : Optional.ofNullable(element.getAnnotation(StanConfig.class));
    }

    private static void apply(StanConfig a, ServerConfig.Builder builder) {
        if (a.hbIntervalMillis() >= 0) {
            builder.hbInterval(Duration.ofMillis(a.hbIntervalMillis()));
        }
        if (a.hbTimeoutMillis() >= 0) {
            builder.hbTimeout(Duration.ofMillis(a.hbTimeoutMillis()));
        }
        if (a.hbFailCount() >= 0) {
            builder.hbFailCount(a.hbFailCount());
        }
        builder.replaceDurable(a.replaceDurable());
        if (a.dupWindowMillis() >= 0) {
            builder.dupWindow(Duration.ofMillis(a.dupWindowMillis()));
        }
        StoreLimits limits = StoreLimits.defaults();
        if (a.maxChannels() >= 0) {
            limits = limits.withMaxChannels(a.maxChannels());
        }
        ChannelLimits channel = limits.channelDefaults();
        if (a.maxMsgs() >= 0) {
            channel = channel.withMaxMsgs(a.maxMsgs());
        }
        if (a.maxBytes() >= 0) {
            channel = channel.withMaxBytes(a.maxBytes());
        }
        if (a.maxSubs() >= 0) {
            channel = channel.withMaxSubscriptions(a.maxSubs());
        }
        if (a.maxAgeMillis() >= 0) {
            channel = channel.withMaxAge(Duration.ofMillis(a.maxAgeMillis()));
        }
        if (a.maxInactivityMillis() >= 0) {
            channel = channel.withMaxInactivity(Duration.ofMillis(a.maxInactivityMillis()));
        }
        builder.storeLimits(limits.withChannelDefaults(channel));
    }
}
