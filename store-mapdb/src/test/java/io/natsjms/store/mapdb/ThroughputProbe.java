package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * A quick throughput harness (not a test): for each batch size, the raw ceiling (FileChannel append
 * of a 1 KB record + force(false) every batch) and the MapDB store with fsync=always (append of a
 * 1 KB MsgProto, commit every batch), back to back in the same run; then the reopen time of a store
 * holding {@code reopen} messages.
 *
 * <p>Run: {@code java -cp <test class path> io.natsjms.store.mapdb.ThroughputProbe [seconds] [reps] [reopen]}
 */
public final class ThroughputProbe {

    private static final int SIZE = 1024;

    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("crash-reopen")) {
            crashReopen(Long.parseLong(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("write-and-halt")) {
            writeAndHalt(Path.of(args[1]), Long.parseLong(args[2]));
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long reopen = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Path root = Files.createTempDirectory("natsjms-probe");
        System.out.printf("%-6s %-5s %-4s %12s %8s%n", "what", "batch", "rep", "msgs/s", "MB/s");
        for (int batch : new int[] {1, 100, 1000}) {
            for (int rep = 0; rep < reps; rep++) {
                report("raw", batch, rep, raw(root.resolve("raw-" + batch + "-" + rep), batch, seconds));
                report("store", batch, rep, store(root.resolve("store-" + batch + "-" + rep), batch, seconds));
            }
        }
        if (reopen > 0) {
            reopen(root.resolve("reopen"), reopen);
        }
    }

    private static void report(String what, int batch, int rep, double rate) {
        System.out.printf("%-6s %-5d %-4d %12.0f %8.1f%n", what, batch, rep, rate,
                rate * (SIZE + 24) / 1e6);
    }

    static double raw(Path file, int batch, double seconds) throws IOException {
        byte[] payload = new byte[SIZE + 24];
        new Random(1).nextBytes(payload);
        ByteBuffer buf = ByteBuffer.allocateDirect(payload.length);
        long n = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < batch; i++) {
                    buf.clear();
                    buf.put(payload).flip();
                    ch.write(buf);
                }
                ch.force(false);
                n += batch;
            }
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        Files.deleteIfExists(file);
        return rate;
    }

    static double store(Path dir, int batch, double seconds) throws IOException {
        MsgProto msg = message(new Random(2));
        long n = 0;
        long start;
        try (MapDbStore store = MapDbStore.open(MapDbStoreConfig.defaults(dir, StoreLimits.unlimited()))) {
            MessageStore messages = store.createChannel("probe").messages();
            store.commit();
            start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long appendNanos = 0;
            long commitNanos = 0;
            while (System.nanoTime() < deadline) {
                long a = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    messages.append(msg);
                }
                long b = System.nanoTime();
                store.commit();
                commitNanos += System.nanoTime() - b;
                appendNanos += b - a;
                n += batch;
            }
            if (Boolean.getBoolean("probe.split")) {
                System.out.printf("  store batch %d: append %.1f us/msg, commit %.2f ms/commit%n", batch,
                        appendNanos / 1e3 / n, commitNanos / 1e6 / (n / batch));
            }
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        StoreRecovery.deleteTree(dir);
        return rate;
    }

    static MsgProto message(Random random) {
        byte[] data = new byte[SIZE];
        random.nextBytes(data);
        return MsgProto.newBuilder().setSubject("probe").setData(ByteString.copyFrom(data)).build();
    }

    /**
     * Worst case for reopen: a child process writes {@code count} messages with the default
     * checkpoint settings and halts without closing; the reopen replays everything after the last
     * checkpoint.
     */
    static void crashReopen(long count) throws Exception {
        Path dir = Files.createTempDirectory("natsjms-crash-reopen");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ThroughputProbe.class.getName(), "write-and-halt", dir.toString(), Long.toString(count))
                .inheritIO().start();
        if (child.waitFor() != 0) {
            throw new IllegalStateException("writer failed");
        }
        long a = System.nanoTime();
        try (MapDbStore store = MapDbStore.open(MapDbStoreConfig.defaults(dir, StoreLimits.unlimited()))) {
            long b = System.nanoTime();
            MessageStore messages = store.lookupChannel("probe").orElseThrow().messages();
            System.out.printf("reopen after a crash with %d msgs: %.0f ms (last seq %d, lookup ok=%b)%n", count,
                    (b - a) / 1e6, messages.lastSequence(), messages.lookup(count) != null);
        }
        StoreRecovery.deleteTree(dir);
    }

    static void writeAndHalt(Path dir, long count) {
        MsgProto msg = message(new Random(3));
        MapDbStore store = MapDbStore.open(MapDbStoreConfig.defaults(dir, StoreLimits.unlimited()));
        MessageStore messages = store.createChannel("probe").messages();
        for (long i = 1; i <= count; i++) {
            messages.append(msg);
            if (i % 1000 == 0) {
                store.commit();
            }
        }
        store.commit();
        Runtime.getRuntime().halt(0);
    }

    static void reopen(Path dir, long count) {
        MsgProto msg = message(new Random(3));
        MapDbStoreConfig config = MapDbStoreConfig.defaults(dir, StoreLimits.unlimited());
        long t0 = System.nanoTime();
        try (MapDbStore store = MapDbStore.open(config)) {
            MessageStore messages = store.createChannel("probe").messages();
            for (long i = 1; i <= count; i++) {
                messages.append(msg);
                if (i % 1000 == 0) {
                    store.commit();
                }
            }
        }
        long t1 = System.nanoTime();
        for (int rep = 0; rep < 3; rep++) {
            long a = System.nanoTime();
            try (MapDbStore store = MapDbStore.open(config)) {
                long b = System.nanoTime();
                MessageStore messages = store.lookupChannel("probe").orElseThrow().messages();
                MsgProto last = messages.lookup(count);
                System.out.printf("reopen of %d msgs: %.0f ms (write took %.1f s, last seq %d ok=%b)%n", count,
                        (b - a) / 1e6, (t1 - t0) / 1e9, messages.lastSequence(),
                        last != null && last.getData().equals(msg.getData()));
            }
        }
    }
}
