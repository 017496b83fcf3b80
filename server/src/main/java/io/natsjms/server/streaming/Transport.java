package io.natsjms.server.streaming;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How the engine reaches core NATS. Messages of all subscriptions are handed to their handlers on
 * one thread, in the order they arrived, which is what keeps a client's requests in order.
 */
interface Transport extends AutoCloseable {

    /** Receives a message: its subject, its reply subject (or {@code null}) and its payload. */
    @FunctionalInterface
    interface Handler {
        void onMessage(String subject, String replyTo, byte[] data);
    }

    void subscribe(String subject, Handler handler);

    /**
     * Sends a message, at most once as core NATS does: a message that cannot be sent (the connection
     * is down, the subject or size is refused) is dropped and logged, never thrown, so that one
     * unsendable message never stops the work of others. {@code data} is only read: the engine
     * sends the same array to every subscription a message goes to.
     */
    void publish(String subject, byte[] data);

    /**
     * Sends a request and completes with the reply's payload, or exceptionally when no reply comes
     * within {@code timeout}, nobody listens, or the request cannot be sent. Never throws.
     */
    CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout);

    /** Waits until everything published so far has reached the NATS server. */
    void flush(Duration timeout);

    /** The largest payload the NATS server accepts in one message. */
    long maxPayload();

    /** A new unique token for inbox subjects. */
    String uniqueToken();

    @Override
    void close();

    /**
     * Whether the connection to NATS is up now (it may come back by itself when it is not). Never
     * waits.
     */
    default boolean connected() {
        return true;
    }
}
