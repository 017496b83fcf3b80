package io.natsjms.benchmarks;

import java.util.SplittableRandom;

/**
 * A fixed set of random 1 KB payloads the targets cycle through, so that no target compresses
 * better than another and no allocation of payload bytes is timed.
 */
public final class Payloads {

    /** The payload size of every benchmark message: 1 KB, as in docs/performance-baselines.md. */
    public static final int MESSAGE_BYTES = 1024;

    /** Bytes per MB when turning message rates into MB/s (10^6, as in docs/performance-baselines.md). */
    static final double BYTES_PER_MB = 1_000_000d;

    /** How many distinct payloads are cycled. */
    static final int DISTINCT = 64;

    private Payloads() {
    }

    /** {@link #DISTINCT} arrays of {@link #MESSAGE_BYTES} random bytes, from a fixed seed. */
    public static byte[][] random() {
        SplittableRandom random = new SplittableRandom(0x5EED_1CEBL);
        byte[][] payloads = new byte[DISTINCT][MESSAGE_BYTES];
        for (byte[] payload : payloads) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) random.nextInt(256);
            }
        }
        return payloads;
    }

    /**
     * {@link #DISTINCT} strings of {@link #MESSAGE_BYTES} random ASCII letters and digits, from a fixed
     * seed: the bodies of the 1 KB JMS TextMessages.
     */
    public static String[] randomText() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SplittableRandom random = new SplittableRandom(0x7E47_1CEBL);
        String[] texts = new String[DISTINCT];
        for (int t = 0; t < texts.length; t++) {
            char[] chars = new char[MESSAGE_BYTES];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            texts[t] = new String(chars);
        }
        return texts;
    }

    /** MB/s for {@code messagesPerSecond} messages of {@link #MESSAGE_BYTES}. */
    public static double megabytesPerSecond(double messagesPerSecond) {
        return messagesPerSecond * MESSAGE_BYTES / BYTES_PER_MB;
    }
}
