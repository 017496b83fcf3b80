package io.natsjms.tck;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.VersionLoader;

/**
 * The one embedded ActiveMQ Artemis broker of this JVM, for running TCK classes against Artemis instead
 * of natsjms (profile {@code tck-artemis}): an in-VM acceptor, no persistence (durable subscriptions
 * still live as long as the broker), security off, Artemis' default address settings, so queues and
 * topics are created on first use. Started on first use, stopped when the JVM exits.
 */
final class ArtemisTckBroker {

    /** The in-VM address clients connect to; no socket is opened. */
    static final String URL = "vm://0";

    private static final System.Logger LOG = System.getLogger(ArtemisTckBroker.class.getName());
    private static boolean started;

    private ArtemisTckBroker() {
    }

    /**
     * Starts the broker the first time; its working directories go under the system property
     * {@code tck.artemis.dir} (the build's {@code target/artemis}).
     *
     * @throws IllegalStateException if the property is missing or the broker can't start
     */
    static synchronized void start() {
        if (started) {
            return;
        }
        String dir = System.getProperty("tck.artemis.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("tck.artemis.dir: not set (expected the directory for Artemis' files)");
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration(Path.of(dir)));
        try {
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis TCK broker: could not start at " + URL, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker), "tck-artemis-shutdown"));
        started = true;
        LOG.log(Level.INFO, "Artemis TCK broker {0} started: {1}, files in {2}",
                VersionLoader.getVersion().getFullVersion(), URL, dir);
    }

    private static ConfigurationImpl configuration(Path directory) {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("natsjms-tck-artemis");
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setJournalDirectory(directory.resolve("journal").toString());
        config.setBindingsDirectory(directory.resolve("bindings").toString());
        config.setPagingDirectory(directory.resolve("paging").toString());
        config.setLargeMessagesDirectory(directory.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(directory.resolve("lock").toString());
        try {
            config.addAcceptorConfiguration("in-vm", URL);
        } catch (Exception e) {
            throw new IllegalStateException("Artemis TCK broker: acceptor " + URL, e);
        }
        return config;
    }

    private static void stop(EmbeddedActiveMQ broker) {
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Artemis TCK broker: stopping failed", e);
        }
    }
}
