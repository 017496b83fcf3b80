package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: what one commit costs in the store (fsync=always, default options) for a plain send
 * (append 1 KB, commit), a prepare (put a branch with one 1 KB send and one ack, commit) and the
 * commit of that branch (append, ack, remove, commit), each repeated, in rounds that alternate, in one
 * JVM. Prints the median and the 90th percentile per kind. Arguments: commits per round, rounds,
 * message bytes (default 1024).
 */
public final class PreparedProbe {

    private PreparedProbe() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("prepared-probe");
        byte[] body = new byte[args.length > 2 ? Integer.parseInt(args[2]) : 1024];
        try (MapDbStore store = MapDbStore.open(new MapDbStoreConfig(dir, StoreLimits.unlimited(),
                FsyncPolicy.ALWAYS, 1000, 64L << 20, 64L << 20, 60_000))) {
            ChannelStore channel = store.createChannel("probe");
            long subId = channel.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("in")
                    .setDurableName("d").setIsDurable(true).build()).getID();
            store.commit();
            long[][] nanos = new long[3][commits * rounds];
            long n = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < commits; i++, n++) {
                    int at = round * commits + i;
                    long t0 = System.nanoTime();
                    long seq = channel.messages().append(MsgProto.newBuilder().setSubject("probe")
                            .setData(ByteString.copyFrom(body)).build()).getSequence();
                    channel.subscriptions().addPending(subId, seq); // delivered, to be acked by the branch
                    store.commit();
                    long t1 = System.nanoTime();
                    BranchId xid = BranchId.newBuilder().setFormatId(1)
                            .setGlobalId(ByteString.copyFromUtf8("g" + n)).build();
                    store.preparedTransactions().put(PreparedTx.newBuilder().setId(xid).setPreparedAt(t1)
                            .addSends(PreparedSend.newBuilder().setChannel("probe").setGuid("s" + n)
                                    .setData(ByteString.copyFrom(body)))
                            .addAcks(PreparedAck.newBuilder().setChannel("probe").setSubID(subId).setSequence(seq))
                            .build());
                    store.commit();
                    long t2 = System.nanoTime();
                    PreparedTx tx = store.preparedTransactions().get(xid).orElseThrow();
                    channel.messages().append(MsgProto.newBuilder().setSubject("probe")
                            .setData(tx.getSends(0).getData()).build());
                    channel.subscriptions().ackPending(subId, tx.getAcks(0).getSequence());
                    store.preparedTransactions().remove(xid);
                    store.commit();
                    long t3 = System.nanoTime();
                    nanos[0][at] = t1 - t0;
                    nanos[1][at] = t2 - t1;
                    nanos[2][at] = t3 - t2;
                }
            }
            String[] kinds = {"send (append + pending, commit)", "prepare (put branch, commit)",
                    "commit branch (append + ack + remove, commit)"};
            for (int k = 0; k < 3; k++) {
                long[] sorted = nanos[k].clone();
                Arrays.sort(sorted);
                System.out.printf("%-48s median %6d us, p90 %6d us%n", kinds[k], sorted[sorted.length / 2] / 1000,
                        sorted[sorted.length * 9 / 10] / 1000);
            }
        } finally {
            StoreRecovery.deleteTree(dir);
        }
    }
}
