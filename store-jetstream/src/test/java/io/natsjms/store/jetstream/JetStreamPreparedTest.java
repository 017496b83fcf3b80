package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JetStream store does for prepared branches beyond the contract: a branch larger than one
 * entry is cut into chunks and comes back whole, chunks nobody names are deleted, a damaged or
 * incomplete branch refuses the open naming its entry, the sends of a commit that stored its messages
 * but not the branch's removal are taken out of the branch at recovery, and an old lease holder can
 * neither prepare nor remove a branch once fenced.
 */
class JetStreamPreparedTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private StandaloneStores stores;

    @BeforeEach
    void start() {
        stores = new StandaloneStores(dir, "xa");
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    private JetStreamStore open(boolean wait) {
        return stores.open(wait);
    }

    private static BranchId xid(String branch) {
        return BranchId.newBuilder().setFormatId(-1).setGlobalId(ByteString.copyFromUtf8("global"))
                .setBranchId(ByteString.copyFromUtf8(branch)).build();
    }

    private static PreparedTx large(String branch, int sends, int size, long seed) {
        Random random = new Random(seed);
        PreparedTx.Builder tx = PreparedTx.newBuilder().setId(xid(branch)).setPreparedAt(T0);
        for (int i = 0; i < sends; i++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            tx.addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g" + i)
                    .setData(ByteString.copyFrom(data)));
        }
        return tx.build();
    }

    private List<String> keys() throws Exception {
        try (Connection admin = Nats.connect(stores.url())) {
            return admin.keyValue("xa_state").keys().stream().filter(k -> k.startsWith("ptx")).sorted().toList();
        }
    }

    @Test
    void aBranchLargerThanOneEntryIsStoredInChunksAndComesBackWhole() throws Exception {
        JetStreamStore store = open(false);
        PreparedTx big = large("big", 5, 500_000, 1); // 2.5 MB: a nats-server max payload is 1 MB by default
        store.preparedTransactions().put(big);
        store.commit();
        assertThat(keys()).hasSizeGreaterThan(3).contains("ptx.ffffffff_676c6f62616c_626967");
        store.close();

        JetStreamStore reopened = open(false);
        assertThat(reopened.preparedTransactions().all()).containsExactly(big);
        PreparedTx bigger = large("big", 6, 500_000, 2);
        reopened.preparedTransactions().put(bigger);
        reopened.commit();
        int chunksOfBigger = keys().size() - 1;
        reopened.close();

        JetStreamStore again = open(false);
        assertThat(again.preparedTransactions().all()).containsExactly(bigger);
        assertThat(chunksOfBigger).as("the chunks of the replaced put are deleted").isEqualTo(4);
        again.preparedTransactions().remove(xid("big"));
        again.commit();
        assertThat(keys()).isEmpty();
    }

    @Test
    void chunksNoBranchNamesAreDeletedAtRecovery() throws Exception {
        JetStreamStore store = open(false);
        PreparedTx small = large("small", 1, 10, 3);
        store.preparedTransactions().put(small);
        store.commit();
        store.close();
        try (Connection admin = Nats.connect(stores.url())) {
            // what a commit that stopped after a chunk and before its branch's entry leaves
            admin.keyValue("xa_state").put("ptxc.ffffffff_676c6f62616c_6f74686572.GEN.0", new byte[] {1, 2, 3});
        }

        JetStreamStore reopened = open(false);
        assertThat(reopened.preparedTransactions().all()).containsExactly(small);
        reopened.commit();
        assertThat(keys()).containsExactly(JetStreamPreparedTransactions.key(small.getId()));
    }

    @Test
    void aBranchThatCannotBeReadBackRefusesTheOpenNamingItsEntry() throws Exception {
        JetStreamStore store = open(false);
        store.preparedTransactions().put(large("whole", 1, 10, 4));
        store.preparedTransactions().put(large("chunked", 3, 500_000, 5));
        store.commit();
        store.close();
        String chunk = keys().stream().filter(k -> k.startsWith("ptxc.")).findFirst().orElseThrow();

        try (Connection admin = Nats.connect(stores.url())) {
            KeyValue bucket = admin.keyValue("xa_state");
            byte[] value = bucket.get(chunk).getValue();
            bucket.delete(chunk);
            assertThatThrownBy(() -> open(false)).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT);
                assertThat(e.getMessage()).contains("ptx.ffffffff_676c6f62616c_6368756e6b6564")
                        .contains(chunk + " (").contains("is missing").contains("nats kv del xa_state");
            });
            value[10] ^= 0x40;
            bucket.put(chunk, value);
            assertThatThrownBy(() -> open(false)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.getMessage()).contains("CRC32C"));
            bucket.put("ptx.ffffffff_676c6f62616c_77686f6c65", new byte[] {(byte) 0xff, 1});
            bucket.delete("ptx.ffffffff_676c6f62616c_6368756e6b6564");
            assertThatThrownBy(() -> open(false)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.getMessage()).contains("ptx.ffffffff_676c6f62616c_77686f6c65")
                            .contains("does not decode"));
        }
    }

    private static MsgProto withGuid(String guid, long timestamp) {
        return MsgProto.newBuilder().setSubject("orders").setTimestamp(timestamp)
                .setData(ByteString.copyFromUtf8("body of " + guid))
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(JetStreamMessageSchedule.GUID_FIELD,
                        UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(guid)).build())
                        .build())
                .build();
    }

    @Test
    void sendsACommitStoredBeforeItStoppedAreTakenOutOfTheBranchAtRecovery() {
        JetStreamStore store = open(false);
        ChannelStore orders = store.createChannel("orders");
        MsgProto earlier = orders.messages().append(withGuid("g2", T0 - 5)); // same guid, before the prepare
        PreparedAck ack = PreparedAck.newBuilder().setChannel("orders").setSubID(1).setSequence(1).build();
        PreparedTx tx = PreparedTx.newBuilder().setId(xid("b")).setPreparedAt(T0)
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g1"))
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g2"))
                .addSends(PreparedSend.newBuilder().setChannel("invoices").setGuid("g3"))
                .addAcks(ack).build();
        store.preparedTransactions().put(tx);
        store.commit();
        // the commit of the branch stored its first message; its removal is lost (a crash in between)
        orders.messages().append(withGuid("g1", T0 + 10));
        store.commit();
        store.close();

        JetStreamStore reopened = open(false);
        PreparedTx mended = tx.toBuilder().removeSends(0).build();
        assertThat(reopened.preparedTransactions().all()).containsExactly(mended);
        assertThat(reopened.lookupChannel("orders").orElseThrow().messages().lookup(earlier.getSequence()))
                .isEqualTo(earlier);
        reopened.commit();
        reopened.close();

        assertThat(open(false).preparedTransactions().all()).as("the mended branch was committed")
                .containsExactly(mended);
    }

    /** Sets the largest message the state bucket's stream takes (0: no limit of its own). */
    private void limitStateEntries(long bytes) throws Exception {
        try (Connection admin = Nats.connect(stores.url())) {
            var management = admin.jetStreamManagement();
            var config = management.getStreamInfo("KV_xa_state").getConfiguration();
            management.updateStream(StreamConfiguration.builder(config).maxMsgSize(bytes == 0 ? -1 : bytes).build());
        }
    }

    /**
     * A real commit of a branch that stops after the channel stream stored its messages: the state
     * bucket refuses the subscription entry (too large for a limit set for the test), so neither the
     * ack nor the branch's removal is written; the server crashes. After the restart the branch is
     * there without its stored sends and with its ack, and the transaction manager's repeated commit
     * stores the rest once.
     */
    @Test
    void aCommitThatStoppedBetweenTheMessagesAndTheStateIsCompletedOnceByTheRepeatedCommit() throws Exception {
        JetStreamStore store = open(false);
        ChannelStore orders = store.createChannel("orders");
        store.createChannel("invoices");
        long subId = orders.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("in")
                .setDurableName("d").setIsDurable(true).build()).getID();
        MsgProto delivered = orders.messages().append(withGuid("delivered", T0 - 10));
        orders.subscriptions().addPending(subId, delivered.getSequence());
        PreparedTx tx = PreparedTx.newBuilder().setId(xid("b")).setPreparedAt(T0)
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g1"))
                .addSends(PreparedSend.newBuilder().setChannel("invoices").setGuid("g2"))
                .addAcks(PreparedAck.newBuilder().setChannel("orders").setSubID(subId)
                        .setSequence(delivered.getSequence()))
                .build();
        store.preparedTransactions().put(tx);
        store.commit();

        limitStateEntries(8);
        store.lookupChannel("orders").orElseThrow().messages().append(withGuid("g1", T0 + 1));
        store.lookupChannel("invoices").orElseThrow().messages().append(withGuid("g2", T0 + 2));
        orders.subscriptions().ackPending(subId, delivered.getSequence());
        store.preparedTransactions().remove(tx.getId());
        assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
        store.halt();
        limitStateEntries(0);

        JetStreamStore reopened = open(false);
        assertThat(reopened.preparedTransactions().all()).as("the branch, without the sends already stored")
                .containsExactly(tx.toBuilder().clearSends().build());
        ChannelStore ordersAgain = reopened.lookupChannel("orders").orElseThrow();
        assertThat(ordersAgain.messages().lastSequence()).isEqualTo(2);
        assertThat(reopened.lookupChannel("invoices").orElseThrow().messages().lastSequence()).isEqualTo(1);
        assertThat(ordersAgain.subscriptions().all().get(0).pending()).containsExactly(delivered.getSequence());

        PreparedTx again = reopened.preparedTransactions().get(tx.getId()).orElseThrow();
        assertThat(again.getSendsList()).isEmpty(); // the repeated commit appends nothing more
        for (PreparedAck ack : again.getAcksList()) {
            ordersAgain.subscriptions().ackPending(ack.getSubID(), ack.getSequence());
        }
        reopened.preparedTransactions().remove(tx.getId());
        reopened.commit();
        reopened.close();

        JetStreamStore last = open(false);
        assertThat(last.preparedTransactions().all()).isEmpty();
        assertThat(last.lookupChannel("orders").orElseThrow().messages().lastSequence()).isEqualTo(2);
        assertThat(last.lookupChannel("orders").orElseThrow().subscriptions().all().get(0).pending()).isEmpty();
    }

    @Test
    void anOldHolderCanNeitherPrepareNorRemoveABranchOnceFenced() throws Exception {
        JetStreamStore old = open(false);
        PreparedTx kept = large("kept", 1, 10, 6);
        old.preparedTransactions().put(kept);
        old.commit();

        try (Connection admin = Nats.connect(stores.url())) {
            admin.keyValue("xa_lease").delete("holder");
        }
        JetStreamStore next = open(true);
        old.preparedTransactions().remove(kept.getId());
        old.preparedTransactions().put(large("ghost", 1, 10, 7));
        assertThatThrownBy(old::commit).isInstanceOf(StoreException.class);
        assertThat(next.preparedTransactions().all()).containsExactly(kept);
        next.close();
        old.close();

        assertThat(open(false).preparedTransactions().all()).containsExactly(kept);
    }
}
