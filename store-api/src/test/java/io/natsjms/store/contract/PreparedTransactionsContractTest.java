package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.Store;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prepared transaction branches of a store ({@link PreparedTransactions}): found by Xid, listed
 * oldest prepared first, validated, and for a persistent store durable exactly from the next commit on,
 * including the commit that applies a branch (its removal with the appends and acks it brings) and
 * that comes back whole or not at all after a crash. A seeded random run checks a store with many
 * branches against a model ({@code -Dnatsjms.prepared.seed=N} replays a run).
 */
public abstract class PreparedTransactionsContractTest extends StoreContractSupport {

    private static final long T0 = 1_700_000_000_000_000_000L;

    static BranchId xid(String global, String branch) {
        return xid(global.getBytes(StandardCharsets.UTF_8), branch.getBytes(StandardCharsets.UTF_8));
    }

    static BranchId xid(byte[] global, byte[] branch) {
        return BranchId.newBuilder().setFormatId(4660).setGlobalId(ByteString.copyFrom(global))
                .setBranchId(ByteString.copyFrom(branch)).build();
    }

    static PreparedTx branch(BranchId id, long preparedAt, String body) {
        return PreparedTx.newBuilder().setId(id).setPreparedAt(preparedAt)
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g-" + body)
                        .setData(ByteString.copyFromUtf8(body)).setReply("r." + body))
                .addAcks(PreparedAck.newBuilder().setChannel("orders").setSubID(7).setSequence(3))
                .build();
    }

    @Test
    void putGetAndRemoveById() {
        PreparedTransactions prepared = open().preparedTransactions();
        PreparedTx a = branch(xid("g1", "b1"), T0, "a");
        PreparedTx otherBranchOfTheSameGlobal = branch(xid("g1", "b2"), T0 + 1, "b");
        prepared.put(a);
        prepared.put(otherBranchOfTheSameGlobal);

        assertThat(prepared.get(xid("g1", "b1"))).contains(a);
        assertThat(prepared.get(xid("g1", "b2"))).contains(otherBranchOfTheSameGlobal);
        assertThat(prepared.get(xid("g1", "b3"))).isEmpty();
        assertThat(prepared.get(a.getId().toBuilder().setFormatId(1).build())).isEmpty();
        assertThat(prepared.remove(xid("g1", "b1"))).isTrue();
        assertThat(prepared.remove(xid("g1", "b1"))).isFalse();
        assertThat(prepared.get(xid("g1", "b1"))).isEmpty();
        assertThat(prepared.all()).containsExactly(otherBranchOfTheSameGlobal);
    }

    @Test
    void aPutWithTheSameIdReplacesTheBranch() {
        PreparedTransactions prepared = open().preparedTransactions();
        prepared.put(branch(xid("g1", "b1"), T0, "first"));
        PreparedTx second = branch(xid("g1", "b1"), T0 + 5, "second");
        prepared.put(second);

        assertThat(prepared.all()).containsExactly(second);
        assertThat(prepared.get(xid("g1", "b1"))).contains(second);
    }

    @Test
    void allListsTheOldestPreparedFirstThenById() {
        PreparedTransactions prepared = open().preparedTransactions();
        PreparedTx third = branch(xid("b", "1"), T0 + 2, "3");
        PreparedTx first = branch(xid("z", "1"), T0, "1");
        PreparedTx second = branch(xid("z", "2"), T0, "2");
        PreparedTx fourth = branch(xid("c", "1"), T0 + 2, "4");
        for (PreparedTx tx : new PreparedTx[] {fourth, third, second, first}) {
            prepared.put(tx);
        }

        assertThat(prepared.all()).containsExactly(first, second, third, fourth);
    }

    @Test
    void aBranchWithEmptyPartsOrNothingInItIsKept() {
        PreparedTransactions prepared = open().preparedTransactions();
        PreparedTx empty = PreparedTx.newBuilder().setId(xid(new byte[0], new byte[0])).build();
        prepared.put(empty);

        assertThat(prepared.all()).containsExactly(empty);
    }

    @Test
    void badBranchesAreRefusedNamingTheValue() {
        PreparedTransactions prepared = open().preparedTransactions();
        byte[] longest = new byte[64];
        byte[] tooLong = new byte[65];

        assertThatThrownBy(() -> prepared.put(PreparedTx.newBuilder().setPreparedAt(T0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id: unset");
        assertThatThrownBy(() -> prepared.put(branch(xid(tooLong, longest), T0, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("global 65 bytes")
                .hasMessageContaining("at most 64");
        assertThatThrownBy(() -> prepared.put(branch(xid(longest, tooLong), T0, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("branch 65 bytes");
        assertThat(prepared.all()).isEmpty();

        PreparedTx largest = branch(xid(longest, longest), T0, "x");
        prepared.put(largest);
        assertThat(prepared.all()).containsExactly(largest);
    }

    @Test
    void committedBranchesAndRemovalsComeBackAfterAReopen() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        Store store = open();
        store.recover();
        PreparedTransactions prepared = store.preparedTransactions();
        PreparedTx kept = branch(xid("g", "kept"), T0 + 10, "kept");
        PreparedTx replaced = branch(xid("g", "replaced"), T0 + 20, "replaced");
        prepared.put(kept);
        prepared.put(branch(xid("g", "replaced"), T0, "before"));
        prepared.put(replaced);
        prepared.put(branch(xid("g", "removed"), T0, "removed"));
        store.commit();
        prepared.remove(xid("g", "removed"));
        store.commit();
        store.close();

        Store again = open();
        assertThat(again.preparedTransactions().all()).containsExactly(kept, replaced);
        again.preparedTransactions().remove(kept.getId());
        again.commit();
        again.close();

        assertThat(open().preparedTransactions().all()).containsExactly(replaced);
    }

    @Test
    void aPutOrRemovalIsNotDurableBeforeTheCommit() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        assumeTrue(canCrash(), "the store cannot simulate a crash");
        Store store = open();
        store.recover();
        PreparedTx committed = branch(xid("g", "committed"), T0, "c");
        store.preparedTransactions().put(committed);
        store.commit();
        store.preparedTransactions().remove(committed.getId());
        store.preparedTransactions().put(branch(xid("g", "uncommitted"), T0, "u"));
        assertThat(store.preparedTransactions().all()).extracting(tx -> tx.getId().getBranchId().toStringUtf8())
                .containsExactly("uncommitted");
        crash(store);

        assertThat(open().preparedTransactions().all()).containsExactly(committed);
    }

    /**
     * The commit of a branch: its removal, the message it sends and the ack it applies in one store
     * commit. A crash before that commit leaves all of the branch (and nothing of its effects); after
     * it, all of its effects and nothing of the branch.
     */
    @Test
    void theCommitThatAppliesABranchIsAllOrNothingAcrossACrash() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        assumeTrue(canCrash(), "the store cannot simulate a crash");
        Store store = open();
        store.recover();
        ChannelStore channel = store.createChannel("orders");
        SubState sub = channel.subscriptions().create(durable("alice", "d"));
        MsgProto delivered = channel.messages().append(message("delivered"));
        channel.subscriptions().addPending(sub.getID(), delivered.getSequence());
        PreparedTx tx = PreparedTx.newBuilder().setId(xid("g", "b")).setPreparedAt(T0)
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g1")
                        .setData(ByteString.copyFromUtf8("sent")))
                .addAcks(PreparedAck.newBuilder().setChannel("orders").setSubID(sub.getID())
                        .setSequence(delivered.getSequence()))
                .build();
        store.preparedTransactions().put(tx);
        store.commit();

        applyBranch(store, tx);
        crash(store);
        Store afterUncommitted = open();
        ChannelStore orders = afterUncommitted.lookupChannel("orders").orElseThrow();
        assertThat(afterUncommitted.preparedTransactions().all()).containsExactly(tx);
        assertThat(orders.messages().lastSequence()).isEqualTo(delivered.getSequence());
        assertThat(onlySubscription(orders).pending()).containsExactly(delivered.getSequence());

        MsgProto sent = applyBranch(afterUncommitted, tx);
        afterUncommitted.commit();
        crash(afterUncommitted);
        Store afterCommitted = open();
        orders = afterCommitted.lookupChannel("orders").orElseThrow();
        assertThat(afterCommitted.preparedTransactions().all()).isEmpty();
        assertThat(orders.messages().lastSequence()).isEqualTo(sent.getSequence());
        assertThat(orders.messages().lookup(sent.getSequence())).isEqualTo(sent);
        assertThat(onlySubscription(orders).pending()).isEmpty();
    }

    /** What a server's commit of {@code tx} does in the store: append its sends, apply its acks, remove it. */
    private static MsgProto applyBranch(Store store, PreparedTx tx) {
        MsgProto last = null;
        for (PreparedSend send : tx.getSendsList()) {
            ChannelStore channel = store.lookupChannel(send.getChannel()).orElseThrow();
            last = channel.messages().append(MsgProto.newBuilder().setSubject(send.getChannel())
                    .setData(send.getData()).setReply(send.getReply()).build());
        }
        for (PreparedAck ack : tx.getAcksList()) {
            store.lookupChannel(ack.getChannel()).orElseThrow().subscriptions()
                    .ackPending(ack.getSubID(), ack.getSequence());
        }
        assertThat(store.preparedTransactions().remove(tx.getId())).isTrue();
        return last;
    }

    private static SubscriptionRecord onlySubscription(ChannelStore channel) {
        List<SubscriptionRecord> all = channel.subscriptions().all();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /**
     * Random puts (new branches and replacements), removals, commits, reopens and (where the store can)
     * crashes over up to 40 Xids; after every step the store holds what the model says: every change
     * at once, after a reopen what was committed (a close commits), after a crash the last commit.
     */
    @Test
    void manyBranchesMatchAModelThroughRandomPutsRemovalsCommitsAndReopens() {
        long seed = Long.getLong("natsjms.prepared.seed", System.nanoTime());
        System.out.println(getClass().getName() + " seed " + seed + " (replay: -Dnatsjms.prepared.seed=" + seed + ")");
        Random random = new Random(seed);
        boolean persistent = capabilities().persistent();
        Store store = open();
        store.recover();
        Map<BranchId, PreparedTx> model = new LinkedHashMap<>();
        Map<BranchId, PreparedTx> committed = new LinkedHashMap<>();
        List<BranchId> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] global = new byte[1 + random.nextInt(64)];
            byte[] branch = new byte[random.nextInt(65)];
            random.nextBytes(global);
            random.nextBytes(branch);
            ids.add(xid(global, branch));
        }
        for (int step = 0; step < 300; step++) {
            String what = "seed " + seed + ", step " + step;
            int op = random.nextInt(100);
            if (op < 50) {
                BranchId id = ids.get(random.nextInt(ids.size()));
                PreparedTx tx = randomBranch(random, id, step);
                store.preparedTransactions().put(tx);
                model.put(id, tx);
            } else if (op < 75) {
                BranchId id = ids.get(random.nextInt(ids.size()));
                assertThat(store.preparedTransactions().remove(id)).as(what).isEqualTo(model.remove(id) != null);
            } else if (op < 93) {
                store.commit();
                committed = new LinkedHashMap<>(model);
            } else if (op < 97 || !canCrash()) {
                store.close();
                store = open();
                if (persistent) {
                    committed = new LinkedHashMap<>(model);
                } else {
                    model.clear();
                    committed.clear();
                }
            } else {
                crash(store);
                store = open();
                model = new LinkedHashMap<>(committed);
            }
            List<PreparedTx> expected = new ArrayList<>(model.values());
            expected.sort(PreparedTransactions.PREPARE_ORDER);
            assertThat(store.preparedTransactions().all()).as(what).containsExactlyElementsOf(expected);
            BranchId probe = ids.get(random.nextInt(ids.size()));
            assertThat(store.preparedTransactions().get(probe)).as(what).isEqualTo(
                    java.util.Optional.ofNullable(model.get(probe)));
        }
    }

    private static PreparedTx randomBranch(Random random, BranchId id, int step) {
        PreparedTx.Builder tx = PreparedTx.newBuilder().setId(id).setPreparedAt(T0 + random.nextInt(20));
        for (int s = random.nextInt(4); s > 0; s--) {
            byte[] data = new byte[random.nextInt(2000)];
            random.nextBytes(data);
            tx.addSends(PreparedSend.newBuilder().setChannel("ch." + random.nextInt(3)).setGuid("g" + step + "." + s)
                    .setData(ByteString.copyFrom(data)));
        }
        for (int a = random.nextInt(4); a > 0; a--) {
            tx.addAcks(PreparedAck.newBuilder().setChannel("ch." + random.nextInt(3)).setSubID(1 + random.nextInt(5))
                    .setSequence(1 + random.nextInt(1000)));
        }
        return tx.build();
    }
}
