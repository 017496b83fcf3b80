package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;

/**
 * The wire form of recent first deliveries, so that a message sent to several subscriptions (plain
 * subscribers and queue groups of one channel) is serialized once rather than once per subscription.
 * A first delivery is the stored message itself (no redelivery fields), so its bytes depend on that
 * message only.
 *
 * <p>Entries are keyed by the stored message instance: stores hand out the same instance for the
 * messages they just appended, which are those that go to many subscriptions at once. An older
 * message read back from disk is a new instance each time and simply misses. Direct-mapped by channel
 * and sequence, {@link #SLOTS} entries of at most {@link #MAX_CACHED_SIZE} bytes each, so it never
 * holds more than a few megabytes. Owned by the engine loop.
 */
final class FirstDeliveryBytes {

    /** Entries (a power of two): a publish batch of the pipeline fits. */
    static final int SLOTS = 1024;
    /** Larger messages are serialized for each subscription (their copy costs more than their encoding). */
    static final int MAX_CACHED_SIZE = 8 * 1024;

    private final MsgProto[] messages = new MsgProto[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    /** The first delivery of {@code stored}: its serialized form. The array must not be changed. */
    byte[] of(MsgProto stored) {
        int slot = (Long.hashCode(stored.getSequence()) ^ stored.getSubject().hashCode()) & (SLOTS - 1);
        if (messages[slot] == stored) {
            return bytes[slot];
        }
        byte[] serialized = stored.toByteArray();
        if (serialized.length <= MAX_CACHED_SIZE) {
            messages[slot] = stored;
            bytes[slot] = serialized;
        }
        return serialized;
    }
}
