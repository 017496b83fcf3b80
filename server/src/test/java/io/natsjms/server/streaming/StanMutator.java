package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid STAN request into a mutated one, from one seeded {@link Random}: either field by field
 * (a field set to a value known to be troublesome: empty, spaces, wildcards, huge numbers, 2<sup>64</sup>−1,
 * long or non-ASCII strings) or byte by byte on the encoding (bit flips, insertions, deletions,
 * truncation, a chunk repeated, another request appended).
 */
final class StanMutator {

    private static final List<String> STRINGS = List.of("", " ", "a b", "a\tb", "\n", "*", ">", "a.*", "a.>",
            ".", "..", "a..b", ".a", "a.", "/", "a/b", ":", "d:q", "_INBOX.", "_INBOX.*", "_STAN.acks.>",
            "é", "\u0000", "\u00a0", "\uffff", "x".repeat(300), "x.".repeat(700) + "x", "y".repeat(2000));
    private static final long[] NUMBERS = {0, 1, -1, 2, 3, 4, 5, 7, 100, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 1L << 40, 1_000_000_000L};

    private final Random random;

    StanMutator(Random random) {
        this.random = random;
    }

    /** The encoding of a mutation of {@code base}; {@code other} may be appended (protobuf merges it). */
    byte[] mutate(Message base, Message other) {
        if (random.nextBoolean()) {
            Message.Builder builder = base.toBuilder();
            int changes = 1 + random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                mutateField(builder);
            }
            return builder.build().toByteArray();
        }
        byte[] bytes = base.toByteArray();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            bytes = mutateBytes(bytes, other);
        }
        return bytes;
    }

    private void mutateField(Message.Builder builder) {
        List<FieldDescriptor> fields = builder.getDescriptorForType().getFields();
        FieldDescriptor field = fields.get(random.nextInt(fields.size()));
        if (field.isRepeated()) {
            return;
        }
        switch (field.getJavaType()) {
            case STRING -> builder.setField(field, string());
            case BYTE_STRING -> builder.setField(field, ByteString.copyFrom(randomBytes(random.nextInt(24))));
            case BOOLEAN -> builder.setField(field, random.nextBoolean());
            case INT -> builder.setField(field, (int) number());
            case LONG -> builder.setField(field, number());
            case ENUM -> builder.setField(field,
                    field.getEnumType().findValueByNumberCreatingIfUnknown((int) number()));
            default -> builder.clearField(field);
        }
    }

    private String string() {
        return switch (random.nextInt(4)) {
            case 0 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 1 -> "f" + random.nextInt(4);
            case 2 -> "fz." + (char) ('a' + random.nextInt(6));
            default -> randomText(1 + random.nextInt(12));
        };
    }

    private long number() {
        return random.nextInt(3) == 0 ? random.nextLong() : NUMBERS[random.nextInt(NUMBERS.length)];
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : (char) (0x21 + random.nextInt(94)));
        }
        return text.toString();
    }

    private byte[] mutateBytes(byte[] bytes, Message other) {
        int n = bytes.length;
        switch (random.nextInt(8)) {
            case 0 -> {
                if (n > 0) {
                    bytes[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> {
                if (n > 0) {
                    bytes[random.nextInt(n)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 2 -> {
                int at = random.nextInt(n + 1);
                return concat(Arrays.copyOfRange(bytes, 0, at), randomBytes(1 + random.nextInt(8)),
                        Arrays.copyOfRange(bytes, at, n));
            }
            case 3 -> {
                int from = random.nextInt(n + 1);
                int to = Math.min(n, from + 1 + random.nextInt(8));
                return concat(Arrays.copyOfRange(bytes, 0, from), Arrays.copyOfRange(bytes, to, n));
            }
            case 4 -> {
                return Arrays.copyOf(bytes, random.nextInt(n + 1));
            }
            case 5 -> {
                int from = random.nextInt(n + 1);
                int to = Math.min(n, from + random.nextInt(16));
                return concat(bytes, Arrays.copyOfRange(bytes, from, to));
            }
            case 6 -> {
                return concat(bytes, other.toByteArray());
            }
            default -> {
                return random.nextInt(4) == 0 ? new byte[0] : randomBytes(1 + random.nextInt(32));
            }
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
