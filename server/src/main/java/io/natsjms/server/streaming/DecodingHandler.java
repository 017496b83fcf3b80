package io.natsjms.server.streaming;

import io.natsjms.protocol.ProtocolException;

/**
 * A {@link Transport.Handler} in two steps: {@link #decode} turns the payload into what the engine works
 * on, and may run on the thread that received the message (a broker event loop, a jnats dispatcher),
 * before the message is queued for the engine; {@link #onDecoded} (or {@link #onUndecodable}) then runs
 * on the engine loop, in arrival order, exactly as {@link #onMessage} would. So the parsing of frequent
 * messages (acks, publishes) is taken off the engine's one thread.
 *
 * <p>{@link #decode} may run on any thread, on several at once, and for a message that is then dropped
 * unhandled: it must read no engine state and change nothing but the value it returns.
 *
 * @param <T> what a payload decodes to
 */
interface DecodingHandler<T> extends Transport.Handler {

    /**
     * The payload decoded; on any thread.
     *
     * @throws ProtocolException when the payload is malformed (then {@link #onUndecodable} handles it)
     */
    T decode(String subject, byte[] data);

    /** Handles a message decoded by {@link #decode}; on the engine loop. {@code data} is its payload. */
    void onDecoded(String subject, String replyTo, byte[] data, T decoded);

    /** Handles a message that {@link #decode} refused with {@code error}; on the engine loop. */
    void onUndecodable(String subject, String replyTo, byte[] data, ProtocolException error);

    /** Decodes and handles the message on the calling thread, which must be the engine loop. */
    @Override
    default void onMessage(String subject, String replyTo, byte[] data) {
        T decoded;
        try {
            decoded = decode(subject, data);
        } catch (ProtocolException e) {
            onUndecodable(subject, replyTo, data, e);
            return;
        }
        onDecoded(subject, replyTo, data, decoded);
    }
}
