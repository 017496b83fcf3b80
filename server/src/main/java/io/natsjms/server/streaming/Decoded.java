package io.natsjms.server.streaming;

import io.natsjms.protocol.ProtocolException;

/**
 * A payload decoded by a {@link DecodingHandler} on the thread that received it, waiting to be handled on
 * the engine loop: the value {@link DecodingHandler#decode} returned, or what it threw.
 *
 * @param handler who decoded it and handles it
 * @param value   the decoded payload, or {@code null} when decoding failed
 * @param failure what decoding threw, or {@code null}
 * @param <T>     what the payload decodes to
 */
record Decoded<T>(DecodingHandler<T> handler, T value, RuntimeException failure) {

    /** Decodes {@code data} now, on the calling thread; never throws. */
    static <T> Decoded<T> of(DecodingHandler<T> handler, String subject, byte[] data) {
        try {
            return new Decoded<>(handler, handler.decode(subject, data), null);
        } catch (RuntimeException e) {
            return new Decoded<>(handler, null, e);
        }
    }

    /**
     * Hands the message to its handler, on the engine loop: {@link DecodingHandler#onDecoded}, or
     * {@link DecodingHandler#onUndecodable} when decoding found it malformed. Any other failure of the
     * decoding is thrown here, where a failure of handling the message would be.
     */
    void handle(String subject, String replyTo, byte[] data) {
        if (failure == null) {
            handler.onDecoded(subject, replyTo, data, value);
        } else if (failure instanceof ProtocolException malformed) {
            handler.onUndecodable(subject, replyTo, data, malformed);
        } else {
            throw failure;
        }
    }
}
