package io.natsjms.server.streaming;

import io.natsjms.store.jetstream.NatsServerNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code nats-server -js} for the whole test JVM, started on first use and stopped when the JVM
 * exits; each streaming server of a test gets a store prefix of its own in it.
 */
final class SharedJetStream {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static NatsServerNode node;

    private SharedJetStream() {
    }

    /** The URL of the shared JetStream server. */
    static synchronized String url() {
        if (node == null) {
            try {
                Path dir = Files.createTempDirectory("natsjms-shared-js");
                node = NatsServerNode.standalone(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            NatsServerNode started = node;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-jetstream-stop"));
        }
        return node.url();
    }

    /** A store prefix no other server of this JVM uses. */
    static String newPrefix() {
        return "it" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet();
    }
}
