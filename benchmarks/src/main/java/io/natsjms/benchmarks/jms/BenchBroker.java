package io.natsjms.benchmarks.jms;

import jakarta.jms.ConnectionFactory;

/**
 * A broker started for one run, in this JVM, with a fresh data directory; the harness reaches it only
 * through its {@link ConnectionFactory}. Closing it stops the broker and deletes the directory.
 */
interface BenchBroker extends AutoCloseable {

    /** The provider's own connection factory for this broker. */
    ConnectionFactory connectionFactory();
}
