package io.natsjms.server.broker;

import java.nio.charset.StandardCharsets;

/**
 * A subject as a publisher sent it: the text the subscription index is keyed by, and the bytes written
 * into {@code MSG} lines. {@link SubjectCache} hands out the same instance for the same bytes, so the
 * text's hash is computed once and per-subscription {@code MSG} prefixes can be reused by identity.
 */
final class PublishedSubject {
    final String text;
    /** {@code text} encoded as UTF-8 (the input bytes themselves when they were valid UTF-8). */
    final byte[] bytes;

    private PublishedSubject(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    /** Decodes {@code length} bytes at {@code offset}; the bytes are copied. */
    static PublishedSubject of(byte[] source, int offset, int length) {
        String text = new String(source, offset, length, StandardCharsets.UTF_8);
        return new PublishedSubject(text, text.getBytes(StandardCharsets.UTF_8));
    }

    static PublishedSubject of(String text) {
        return new PublishedSubject(text, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return text;
    }
}
