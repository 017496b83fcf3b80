package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for the damage tests: commits {@code n} times (5 messages of 100 bytes and a
 * pending update each) without any checkpoint after the first, then halts without closing, as a
 * crash would. Arguments: data directory, n; with a third argument it waits for stdin to close
 * instead of halting (to hold the directory lock).
 */
public final class HaltingWriter {

    private HaltingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        Store store = new MapDbStoreProvider().open(config(dir));
        ChannelStore channel = store.createChannel("damage");
        SubState sub = channel.subscriptions().create(SubState.newBuilder().setClientID("me").build());
        store.commit();
        for (int i = 0; i < commits; i++) {
            for (int m = 0; m < 5; m++) {
                long seq = channel.messages().append(MsgProto.newBuilder().setSubject("damage")
                        .setData(ByteString.copyFrom(new byte[100])).build()).getSequence();
                channel.subscriptions().addPending(sub.getID(), seq);
            }
            store.commit();
        }
        if (args.length > 2) {
            System.out.println("open");
            System.out.flush();
            System.in.read();
        }
        Runtime.getRuntime().halt(0);
    }

    static StoreConfig config(Path dir) {
        return StoreConfig.at(dir, StoreLimits.unlimited())
                .withOption(MapDbStoreConfig.CHECKPOINT_INTERVAL_MS, "3600000")
                .withOption(MapDbStoreConfig.CHECKPOINT_BYTES, "1000000000");
    }

    /** Runs this class in a new JVM and waits for it to end. */
    static void run(Path dir, int commits) throws Exception {
        Process p = start(dir, commits, false);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("writer failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    static Process start(Path dir, int commits, boolean hold) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HaltingWriter.class.getName(), dir.toString(),
                Integer.toString(commits)));
        if (hold) {
            command.add("hold");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
