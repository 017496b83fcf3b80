package io.natsjms.benchmarks.server;

/**
 * Something that publishes 1 KB messages asynchronously and reports each acknowledgement to an
 * {@link AckWindow}: the official STAN client, the raw protobuf publisher, or the core-NATS
 * request publisher of the acked-publish ceiling.
 */
public interface Publisher extends AutoCloseable {

    /** Publishes {@code data} on {@code channel} once {@code window} has a free place; does not wait for the ack. */
    void publish(String channel, byte[] data, AckWindow window) throws Exception;

    @Override
    void close() throws Exception;
}
