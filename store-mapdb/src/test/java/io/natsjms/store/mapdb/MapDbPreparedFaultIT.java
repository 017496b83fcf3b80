package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails, one at a time, every write, sync, truncation, file creation and MapDB commit of the two
 * commits of a transaction branch (the one that prepares it, and the one that applies it: its removal,
 * the messages it sends on two channels, one of them rotating a segment, and its ack, followed by a
 * checkpoint), with {@code ENOSPC} and with {@code EIO}, then crashes ({@link MapDbStore#halt()}) and
 * reopens. Every time the store comes back exactly as of the last commit that returned: a commit that
 * threw left nothing of itself, one that returned left all of itself.
 */
class MapDbPreparedFaultIT {

    private static final BranchId XID = BranchId.newBuilder().setFormatId(1)
            .setGlobalId(ByteString.copyFromUtf8("g")).setBranchId(ByteString.copyFromUtf8("b")).build();

    @TempDir
    Path tmp;

    private static MapDbStoreConfig config(Path dir) {
        // 4 KB segments: the applying commit rotates one; 3 KB checkpoints: it is followed by one
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 3_600_000, 4096, 3000,
                3_600_000);
    }

    /** Where the cycle stands: nothing prepared yet, prepared, or applied. */
    private enum Stage { BEFORE, PREPARED, APPLIED }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyFailurePointOfPrepareAndApplyLeavesTheBranchOrItsEffectsNeverAPart() throws Exception {
        long points;
        FaultyFiles counting = new FaultyFiles();
        try (MapDbStore store = MapDbStore.open(config(tmp.resolve("dry")), counting)) {
            long subId = setUp(store);
            long start = counting.operations();
            prepare(store);
            apply(store, subId);
            points = counting.operations() - start;
            List<String> seen = counting.seen();
            System.out.println("MapDbPreparedFaultIT: the cycle's operations:\n  "
                    + String.join("\n  ", seen.subList((int) start, seen.size())));
        }
        assertThat(points).as("operations of the two commits").isGreaterThan(8);
        int[] outcomes = new int[Stage.values().length];
        for (long point = 1; point <= points; point++) {
            for (String fault : List.of(FaultyFiles.ENOSPC, FaultyFiles.EIO)) {
                outcomes[run(point, fault, tmp.resolve("p" + point + "-" + fault.charAt(0))).ordinal()]++;
            }
        }
        System.out.println("MapDbPreparedFaultIT: " + points + " failure points; outcomes before/prepared/applied: "
                + outcomes[0] + "/" + outcomes[1] + "/" + outcomes[2]);
        assertThat(outcomes[Stage.BEFORE.ordinal()]).as("runs whose prepare failed").isPositive();
        assertThat(outcomes[Stage.PREPARED.ordinal()]).as("runs whose apply failed").isPositive();
    }

    private Stage run(long point, String fault, Path dir) {
        String what = "failure at operation " + point + " of the cycle (" + fault + ")";
        FaultyFiles files = new FaultyFiles();
        Stage committed = Stage.BEFORE;
        MapDbStore store = MapDbStore.open(config(dir), files);
        long subId = setUp(store);
        files.failAt(point, fault);
        try {
            prepare(store);
            committed = Stage.PREPARED;
            apply(store, subId);
            committed = Stage.APPLIED;
        } catch (StoreException e) {
            assertThat(e.reason()).as(what).isEqualTo(StoreException.Reason.IO);
        } finally {
            store.halt();
        }
        try (MapDbStore reopened = MapDbStore.open(config(dir))) {
            ChannelStore a = reopened.lookupChannel("xa.a").orElseThrow();
            ChannelStore b = reopened.lookupChannel("xa.b").orElseThrow();
            List<Long> pending = a.subscriptions().all().get(0).pending().stream().toList();
            switch (committed) {
                case BEFORE -> {
                    assertThat(reopened.preparedTransactions().all()).as(what).isEmpty();
                    assertThat(pending).as(what).containsExactly(1L, 2L);
                    assertThat(a.messages().lastSequence()).as(what).isEqualTo(2);
                }
                case PREPARED -> {
                    assertThat(reopened.preparedTransactions().all()).as(what).containsExactly(branch(subId));
                    assertThat(pending).as(what).containsExactly(1L, 2L);
                    assertThat(a.messages().lastSequence()).as(what).isEqualTo(2);
                    assertThat(b.messages().lastSequence()).as(what).isZero();
                }
                case APPLIED -> {
                    assertThat(reopened.preparedTransactions().all()).as(what).isEmpty();
                    assertThat(pending).as(what).containsExactly(2L);
                    assertThat(a.messages().lastSequence()).as(what).isEqualTo(2 + 6);
                    assertThat(b.messages().lastSequence()).as(what).isEqualTo(1);
                    assertThat(b.messages().lookup(1).getData()).as(what).isEqualTo(data(9));
                }
                default -> throw new AssertionError(committed);
            }
        }
        return committed;
    }

    /** Two channels, a durable on the first with two delivered (pending) messages; committed. */
    private static long setUp(MapDbStore store) {
        ChannelStore a = store.createChannel("xa.a");
        store.createChannel("xa.b");
        long subId = a.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("in")
                .setDurableName("d").setIsDurable(true).build()).getID();
        for (int i = 0; i < 2; i++) {
            long seq = a.messages().append(MsgProto.newBuilder().setSubject("xa.a").setData(data(i)).build())
                    .getSequence();
            a.subscriptions().addPending(subId, seq);
        }
        store.commit();
        return subId;
    }

    private static ByteString data(int i) {
        byte[] bytes = new byte[700];
        java.util.Arrays.fill(bytes, (byte) i);
        return ByteString.copyFrom(bytes);
    }

    /** Six sends on the first channel (past a segment end), one on the second, the ack of sequence 1. */
    private static PreparedTx branch(long subId) {
        PreparedTx.Builder tx = PreparedTx.newBuilder().setId(XID).setPreparedAt(1_700_000_000_000_000_000L);
        for (int i = 0; i < 6; i++) {
            tx.addSends(PreparedSend.newBuilder().setChannel("xa.a").setGuid("a" + i).setData(data(3 + i)));
        }
        tx.addSends(PreparedSend.newBuilder().setChannel("xa.b").setGuid("b0").setData(data(9)));
        return tx.addAcks(PreparedAck.newBuilder().setChannel("xa.a").setSubID(subId).setSequence(1)).build();
    }

    private static void prepare(MapDbStore store) {
        long subId = store.lookupChannel("xa.a").orElseThrow().subscriptions().all().get(0).state().getID();
        store.preparedTransactions().put(branch(subId));
        store.commit();
    }

    /** What the server's commit of the branch does: append, ack, remove, one store commit. */
    private static void apply(MapDbStore store, long subId) {
        PreparedTx tx = store.preparedTransactions().get(XID).orElseThrow();
        for (PreparedSend send : tx.getSendsList()) {
            store.lookupChannel(send.getChannel()).orElseThrow().messages().append(MsgProto.newBuilder()
                    .setSubject(send.getChannel()).setData(send.getData()).build());
        }
        for (PreparedAck ack : tx.getAcksList()) {
            store.lookupChannel(ack.getChannel()).orElseThrow().subscriptions().ackPending(subId, ack.getSequence());
        }
        store.preparedTransactions().remove(XID);
        store.commit();
    }
}
