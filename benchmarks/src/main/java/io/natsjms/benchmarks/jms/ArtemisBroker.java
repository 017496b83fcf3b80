package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.ScratchDirectory;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.VersionLoader;

/**
 * An embedded ActiveMQ Artemis broker in this JVM, set up as in the baselines
 * ({@code docs/performance-baselines.md}): persistence on, NIO journal (libaio is not installed
 * here), journal datasync on, security off, default buffer timeout and address settings except the
 * dead-letter and expiry addresses the distribution's {@code broker.xml} sets (without them Artemis
 * warns about each new queue); journal, bindings, paging and large-message directories in a fresh
 * scratch directory. Its client is Artemis'
 * jakarta {@link ActiveMQConnectionFactory} with a 1 MiB confirmation window, as in the baselines (the
 * window is off by default, and Artemis then warns that asynchronous send confirmations need it).
 */
final class ArtemisBroker implements BenchBroker {

    /** How the client reaches the broker. */
    enum Transport {
        /** Netty acceptor on a free loopback TCP port: messages cross a socket, as with the NATS provider. */
        NETTY,
        /** In-VM acceptor: no socket, no wire encoding. */
        INVM;

        /**
         * @throws IllegalArgumentException naming the value and the accepted names
         */
        static Transport parse(String name) {
            for (Transport transport : values()) {
                if (transport.name().equalsIgnoreCase(name)) {
                    return transport;
                }
            }
            throw new IllegalArgumentException("artemis transport: \"" + name + "\" (expected: netty or invm)");
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Bytes of sends the client may have unconfirmed; as in docs/performance-baselines.md. */
    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;

    private final EmbeddedActiveMQ broker;
    private final ScratchDirectory scratch;
    private final ActiveMQConnectionFactory factory;

    private ArtemisBroker(EmbeddedActiveMQ broker, ScratchDirectory scratch, ActiveMQConnectionFactory factory) {
        this.broker = broker;
        this.scratch = scratch;
        this.factory = factory;
    }

    static ArtemisBroker start(Path parent, Transport transport) throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create(parent, "jms-artemis");
        try {
            String url = transport == Transport.NETTY ? "tcp://127.0.0.1:" + freePort() : "vm://0";
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration(scratch.path(), url));
            broker.start();
            ActiveMQConnectionFactory factory =
                    new ActiveMQConnectionFactory(url + "?confirmationWindowSize=" + CONFIRMATION_WINDOW_BYTES);
            return new ArtemisBroker(broker, scratch, factory);
        } catch (Exception e) {
            scratch.close();
            throw e;
        }
    }

    private static ConfigurationImpl configuration(Path directory, String acceptorUrl) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("bench");
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setJournalType(JournalType.NIO);
        config.setJournalDatasync(true);
        config.setJournalDirectory(directory.resolve("journal").toString());
        config.setBindingsDirectory(directory.resolve("bindings").toString());
        config.setPagingDirectory(directory.resolve("paging").toString());
        config.setLargeMessagesDirectory(directory.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(directory.resolve("lock").toString());
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue")));
        config.addAcceptorConfiguration("bench", acceptorUrl);
        return config;
    }

    /** The Artemis release on the class path, for example {@code "2.56.0"}. */
    static String version() {
        return VersionLoader.getVersion().getFullVersion();
    }

    /** A loopback port that was free a moment ago, so that the client's URL is known before the broker starts. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public void close() throws Exception {
        try {
            factory.close();
            broker.stop();
        } finally {
            scratch.close();
        }
    }
}
