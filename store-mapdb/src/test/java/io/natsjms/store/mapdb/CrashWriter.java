package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * The child process of {@link MapDbCrashRecoveryIT}: opens the store, then appends messages and
 * subscription updates (pending adds, acks, redelivery counts) on three channels, prepares transaction
 * branches (sends and acks of pending messages, which are then held) and applies them as a server's
 * commit does (appends, acks and the branch's removal in one commit), and commits, forever, until it is
 * killed. Around each
 * commit it writes a line to the side file: {@code begin <n> <digest>} before {@code commit()} and
 * {@code ok <n> <digest>} after it returned, the digest being the state the commit makes durable.
 * The side file is not forced: the test kills with SIGKILL, which loses nothing the OS was given.
 *
 * <p>Arguments: data directory, side file, random seed.
 */
public final class CrashWriter {

    static final int CHANNELS = 3;

    private CrashWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[2]));
        try (Store store = new MapDbStoreProvider().open(config(dir));
             FileOutputStream side = new FileOutputStream(args[1], true)) {
            Model model = new Model(store);
            for (long n = 1; ; n++) {
                int c = random.nextInt(CHANNELS);
                model.step(c, random);
                side.write(("begin " + n + " " + model.digest() + "\n").getBytes(StandardCharsets.US_ASCII));
                store.commit();
                side.write(("ok " + n + " " + model.digest() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Small segments and frequent checkpoints, so kills also hit rotations and checkpoints. */
    static StoreConfig config(Path dir) {
        return StoreConfig.at(dir, StoreLimits.unlimited())
                .withOption(MapDbStoreConfig.SEGMENT_BYTES, "65536")
                .withOption(MapDbStoreConfig.CHECKPOINT_BYTES, "262144")
                .withOption(MapDbStoreConfig.CHECKPOINT_INTERVAL_MS, "200");
    }

    static String channel(int c) {
        return "crash.c" + c;
    }

    /** The payload of message {@code seq} of channel {@code c}: 10 B to 4 KB, derived from both. */
    static byte[] payload(int c, long seq) {
        Random r = new Random(c * 1_000_003L + seq);
        byte[] data = new byte[10 + r.nextInt(4087)];
        r.nextBytes(data);
        return data;
    }

    /** What the writer believes is in the store; continued from whatever the store recovered. */
    static final class Model {
        private final ChannelStore[] channels = new ChannelStore[CHANNELS];
        private final long[] subIds = new long[CHANNELS];
        private final long[] lastSent = new long[CHANNELS];
        private final List<TreeSet<Long>> pending = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        private final List<TreeMap<Long, Integer>> counts = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        /** The prepared branches by global ID; the pending sequences their acks hold are acked by nothing else. */
        private final TreeMap<String, PreparedTx> branches = new TreeMap<>();
        private final List<TreeSet<Long>> held = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        private final Store store;

        Model(Store store) {
            this.store = store;
            for (PreparedTx tx : store.preparedTransactions().all()) {
                branches.put(tx.getId().getGlobalId().toStringUtf8(), tx);
                tx.getAcksList().forEach(ack -> held.get(channelNumber(ack.getChannel())).add(ack.getSequence()));
            }
            for (int c = 0; c < CHANNELS; c++) {
                String name = channel(c);
                channels[c] = store.lookupChannel(name).orElseGet(() -> store.createChannel(name));
                List<SubscriptionRecord> subs = channels[c].subscriptions().all();
                if (subs.isEmpty()) {
                    SubState sub = channels[c].subscriptions().create(SubState.newBuilder()
                            .setClientID("crash").setDurableName("d" + c).setIsDurable(true).setMaxInFlight(1000)
                            .build());
                    subIds[c] = sub.getID();
                } else {
                    subIds[c] = subs.get(0).state().getID();
                    lastSent[c] = subs.get(0).state().getLastSent();
                    pending.get(c).addAll(subs.get(0).pending());
                    counts.get(c).putAll(subs.get(0).redeliveryCounts());
                }
            }
        }

        void step(int c, Random random) {
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                long seq = channels[c].messages().lastSequence() + 1;
                MsgProto stored = channels[c].messages().append(MsgProto.newBuilder().setSubject(channel(c))
                        .setData(ByteString.copyFrom(payload(c, seq))).build());
                if (stored.getSequence() != seq) {
                    throw new IllegalStateException("sequence " + stored.getSequence() + " (expected: " + seq + ")");
                }
                if (random.nextInt(10) < 7) {
                    channels[c].subscriptions().addPending(subIds[c], seq);
                    pending.get(c).add(seq);
                    lastSent[c] = Math.max(lastSent[c], seq);
                }
            }
            for (Long seq : List.copyOf(pending.get(c))) {
                if (held.get(c).contains(seq)) {
                    continue;
                }
                int dice = random.nextInt(10);
                if (dice < 5) {
                    channels[c].subscriptions().ackPending(subIds[c], seq);
                    pending.get(c).remove(seq);
                    counts.get(c).remove(seq);
                } else if (dice < 7) {
                    int redeliveries = counts.get(c).merge(seq, 1, Integer::sum);
                    channels[c].subscriptions().setRedeliveryCount(subIds[c], seq, redeliveries);
                }
            }
            int dice = random.nextInt(10);
            if (dice < 3) {
                prepare(c, random);
            } else if (dice < 6 && !branches.isEmpty()) {
                apply(branches.firstKey());
            }
        }

        /** Puts a branch sending 1-3 messages and acking up to two pending, not yet held, messages of {@code c}. */
        private void prepare(int c, Random random) {
            String global = "x" + Long.toHexString(random.nextLong());
            PreparedTx.Builder tx = PreparedTx.newBuilder().setPreparedAt(System.currentTimeMillis() * 1_000_000L)
                    .setId(BranchId.newBuilder().setFormatId(7).setGlobalId(ByteString.copyFromUtf8(global))
                            .setBranchId(ByteString.copyFromUtf8("b" + c)));
            for (int s = 1 + random.nextInt(3); s > 0; s--) {
                tx.addSends(PreparedSend.newBuilder().setChannel(channel(random.nextInt(CHANNELS)))
                        .setGuid(global + "." + s));
            }
            for (Long seq : pending.get(c)) {
                if (tx.getAcksCount() < 2 && !held.get(c).contains(seq) && random.nextBoolean()) {
                    tx.addAcks(PreparedAck.newBuilder().setChannel(channel(c)).setSubID(subIds[c]).setSequence(seq));
                }
            }
            tx.getAcksList().forEach(ack -> held.get(c).add(ack.getSequence()));
            branches.put(global, tx.build());
            store.preparedTransactions().put(tx.build());
        }

        /** Applies a branch as a server's commit does: its messages appended, its acks applied, it removed. */
        private void apply(String global) {
            PreparedTx tx = branches.remove(global);
            for (PreparedSend send : tx.getSendsList()) {
                int c = channelNumber(send.getChannel());
                long seq = channels[c].messages().lastSequence() + 1;
                channels[c].messages().append(MsgProto.newBuilder().setSubject(send.getChannel())
                        .setData(ByteString.copyFrom(payload(c, seq))).build());
            }
            for (PreparedAck ack : tx.getAcksList()) {
                int c = channelNumber(ack.getChannel());
                channels[c].subscriptions().ackPending(ack.getSubID(), ack.getSequence());
                pending.get(c).remove(ack.getSequence());
                counts.get(c).remove(ack.getSequence());
                held.get(c).remove(ack.getSequence());
            }
            store.preparedTransactions().remove(tx.getId());
        }

        String digest() {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < CHANNELS; c++) {
                sb.append(c == 0 ? "" : " ").append(CrashWriter.digest(channels[c].messages().lastSequence(), lastSent[c],
                        pending.get(c), counts.get(c)));
            }
            return sb.append(' ').append(CrashWriter.digest(branches.values())).toString();
        }
    }

    static int channelNumber(String channel) {
        return Integer.parseInt(channel.substring(channel(0).length() - 1));
    }

    /** The prepared branches: how many, and a CRC of their bytes in the order of their global IDs. */
    static String digest(java.util.Collection<PreparedTx> branches) {
        CRC32 crc = new CRC32();
        branches.stream().sorted(java.util.Comparator.comparing(tx -> tx.getId().getGlobalId().toStringUtf8()))
                .forEach(tx -> crc.update(tx.toByteArray()));
        return "xa:" + branches.size() + ":" + Long.toHexString(crc.getValue());
    }

    /**
     * One channel's state: last sequence, the sub's last sent, pending count and a CRC of the pending
     * set with the redelivery counts.
     */
    static String digest(long lastSequence, long lastSent, SortedSet<Long> pending, SortedMap<Long, Integer> counts) {
        CRC32 crc = new CRC32();
        for (long seq : pending) {
            crc.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
            crc.update(',');
            if (counts.containsKey(seq)) {
                crc.update(("x" + counts.get(seq)).getBytes(StandardCharsets.US_ASCII));
                crc.update(',');
            }
        }
        return lastSequence + ":" + lastSent + ":" + pending.size() + ":" + Long.toHexString(crc.getValue());
    }
}
