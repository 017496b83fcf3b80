package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStamps;
import java.util.Arrays;
import java.util.Random;

/**
 * A quick harness (not a test) for two conversions of the engine, each measured both ways in
 * alternating rounds of the same run (after three warm-up rounds of each), on messages of {@code size} bytes:
 * <ul>
 *   <li>{@code stamp}: the message built without a sequence and stamped by the store (a second build),
 *       against built with its sequence and kept by the store; both then serialized as MapDB's append does;</li>
 *   <li>{@code deliver-k}: a new stored message sent to k subscriptions (2 or 4), serialized for
 *       each one against once through {@link FirstDeliveryBytes} (a channel with one subscription does
 *       not use it).</li>
 * </ul>
 * Prints the median nanoseconds per message of each side and their ratio.
 *
 * <p>Run: {@code java -cp <server test class path> io.natsjms.server.streaming.ConversionProbe [size] [rounds]}
 */
public final class ConversionProbe {

    private static final int MESSAGES = 50_000;
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static long sink;

    private ConversionProbe() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 41;
        byte[] payload = new byte[size];
        new Random(1).nextBytes(payload);
        ByteString data = ByteString.copyFrom(payload);
        System.out.printf("size %d bytes, %d messages per round, %d rounds (median ns/message)%n", size, MESSAGES,
                rounds);
        compare("stamp", rounds, () -> stampTwice(data), () -> stampOnce(data));
        for (int k : new int[] {2, 4}) {
            compare("deliver-" + k, rounds, () -> serializeEach(data, k), () -> serializeOnce(data, k));
        }
        System.out.println("(ignore) " + sink);
    }

    private static void compare(String name, int rounds, Runnable before, Runnable after) {
        for (int warmup = 0; warmup < 3; warmup++) {
            before.run();
            after.run();
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = nanosPerMessage(before);
            b[r] = nanosPerMessage(after);
        }
        Arrays.sort(a);
        Arrays.sort(b);
        double medianBefore = a[rounds / 2];
        double medianAfter = b[rounds / 2];
        System.out.printf("%-10s before %8.1f  after %8.1f  after/before %.2f%n", name, medianBefore, medianAfter,
                medianAfter / medianBefore);
    }

    private static double nanosPerMessage(Runnable side) {
        long start = System.nanoTime();
        side.run();
        return (System.nanoTime() - start) / (double) MESSAGES;
    }

    private static MsgProto.Builder publish(ByteString data, long i) {
        return MsgProto.newBuilder().setSubject("orders").setTimestamp(T0 + i).setReply("").setData(data);
    }

    private static void stampTwice(ByteString data) {
        for (int i = 1; i <= MESSAGES; i++) {
            MsgProto msg = publish(data, i).build();
            MsgProto stored = MessageStamps.stamp(msg, i, T0, T0);
            sink += msg.getSerializedSize() + stored.toByteArray().length;
        }
    }

    private static void stampOnce(ByteString data) {
        for (int i = 1; i <= MESSAGES; i++) {
            MsgProto msg = publish(data, i).setSequence(i).build();
            MsgProto stored = MessageStamps.stamp(msg, i, T0, T0);
            sink += msg.getSerializedSize() + stored.toByteArray().length;
        }
    }

    private static void serializeEach(ByteString data, int subscriptions) {
        for (int i = 1; i <= MESSAGES; i++) {
            MsgProto stored = publish(data, i).setSequence(i).build();
            for (int s = 0; s < subscriptions; s++) {
                sink += stored.toByteArray().length;
            }
        }
    }

    private static void serializeOnce(ByteString data, int subscriptions) {
        FirstDeliveryBytes bytes = new FirstDeliveryBytes();
        for (int i = 1; i <= MESSAGES; i++) {
            MsgProto stored = publish(data, i).setSequence(i).build();
            for (int s = 0; s < subscriptions; s++) {
                sink += bytes.of(stored).length;
            }
        }
    }
}
