package io.natsjms.server.streaming;

import static io.natsjms.server.streaming.TxWire.XAER_INVAL;
import static io.natsjms.server.streaming.TxWire.XAER_NOTA;
import static io.natsjms.server.streaming.TxWire.XAER_PROTO;
import static io.natsjms.server.streaming.TxWire.XAER_RMERR;
import static io.natsjms.server.streaming.TxWire.XA_OK;
import static io.natsjms.server.streaming.TxWire.XA_RBROLLBACK;
import static io.natsjms.server.streaming.TxWire.XA_RDONLY;
import static io.natsjms.server.streaming.TxWire.ack;
import static io.natsjms.server.streaming.TxWire.xid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ext.TxRequest.Op;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubMsg;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction extension (docs/protocol.md, "Transactions") against a running server: what PREPARE,
 * COMMIT, COMMIT_ONE_PHASE, ROLLBACK and RECOVER do to channels, subscribers and pending messages, the
 * held messages of a prepared branch, and the XA codes of every refusal.
 */
@ExtendWith(StanServerExtension.class)
class TxIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Longer than the one-second ack wait of the subscriptions that check for redeliveries. */
    private static final Duration PAST_ACK_WAIT = Duration.ofMillis(2500);

    private static long lastSequence(StanTestServer stan, String channel) {
        return stan.channel(channel).map(ServerSnapshot.ChannelView::lastSeq).orElse(0L);
    }

    private static List<String> data(List<MsgProto> received) {
        return received.stream().map(m -> m.getData().toStringUtf8()).toList();
    }

    @Test
    void prepareThenCommitAppendsTheSendsInOrderAndTheAcksTakeEffect(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(1));
        raw.publishOk("p", "orders", 2);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);

        TxResponse prepared = tx.with(Op.PREPARE, xid("t1"),
                List.of(raw.pubMsg("p", "orders", "a"), raw.pubMsg("p", "orders", "b")),
                List.of(ack(sub, 1), ack(sub, 2)));
        assertThat(prepared.getXaCode()).as(prepared.getError()).isEqualTo(XA_OK);
        assertThat(lastSequence(stan, "orders")).as("nothing appended before the commit").isEqualTo(2);

        TxResponse committed = tx.op(Op.COMMIT, xid("t1"));

        assertThat(committed.getXaCode()).as(committed.getError()).isEqualTo(XA_OK);
        assertThat(lastSequence(stan, "orders")).isEqualTo(4);
        await().atMost(WAIT).until(() -> sub.received().size() == 4);
        assertThat(sub.sequences()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(data(sub.received()).subList(2, 4)).containsExactly("a", "b");
        raw.ack(sub, 3);
        raw.ack(sub, 4);
        await().during(PAST_ACK_WAIT).atMost(WAIT).until(() -> sub.received().size() == 4);
        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).as("a repeated commit").isEqualTo(XAER_NOTA);
        assertThat(tx.recover()).isEmpty();
    }

    @Test
    void theMonitoringSnapshotShowsAPreparedBranchUntilItIsCommitted(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(60));
        raw.publishOk("p", "orders", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(stan.snapshot().prepared()).isEmpty();

        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(raw.pubMsg("p", "orders", "a"),
                raw.pubMsg("p", "orders", "b")), List.of(ack(sub, 1))).getXaCode()).isEqualTo(XA_OK);

        List<ServerSnapshot.PreparedView> prepared = stan.snapshot().prepared();
        assertThat(prepared).singleElement().satisfies(view -> {
            assertThat(view.xid()).isEqualTo(BranchIds.text(BranchIds.of(xid("t1"))));
            assertThat(view.sends()).isEqualTo(2);
            assertThat(view.acks()).isEqualTo(1);
            assertThat(view.preparedAt()).isBetween(java.time.Instant.now().minusSeconds(60),
                    java.time.Instant.now());
        });
        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XA_OK);
        assertThat(stan.snapshot().prepared()).isEmpty();
    }

    @Test
    void aOnePhaseCommitAppliesEverythingAtOnce(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(1));
        raw.publishOk("p", "orders", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);

        TxResponse response = tx.with(Op.COMMIT_ONE_PHASE, xid("t1"),
                List.of(raw.pubMsg("p", "orders", "a"), raw.pubMsg("p", "invoices", "b")), List.of(ack(sub, 1)));

        assertThat(response.getXaCode()).as(response.getError()).isEqualTo(XA_OK);
        assertThat(lastSequence(stan, "orders")).isEqualTo(2);
        assertThat(lastSequence(stan, "invoices")).isEqualTo(1);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        raw.ack(sub, 2);
        await().during(PAST_ACK_WAIT).atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(tx.recover()).isEmpty();
    }

    @Test
    void aRollbackDropsTheSendsAndRedeliversTheAckedMessagesAtOnce(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        // an ack wait far longer than the test: a redelivery can only come from the rollback
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(600));
        raw.publishOk("p", "orders", 2);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(raw.pubMsg("p", "orders", "never")),
                List.of(ack(sub, 2))).getXaCode()).isEqualTo(XA_OK);

        TxResponse response = tx.op(Op.ROLLBACK, xid("t1"));

        assertThat(response.getXaCode()).as(response.getError()).isEqualTo(XA_OK);
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        MsgProto again = sub.received().get(2);
        assertThat(again.getSequence()).isEqualTo(2);
        assertThat(again.getRedelivered()).isTrue();
        assertThat(again.getRedeliveryCount()).isEqualTo(1);
        assertThat(lastSequence(stan, "orders")).as("the send vanished").isEqualTo(2);
        assertThat(tx.recover()).isEmpty();
        assertThat(tx.op(Op.ROLLBACK, xid("t1")).getXaCode()).as("a repeated rollback").isEqualTo(XAER_NOTA);
    }

    @Test
    void aStagedBranchRollsBackWithoutAnythingToRedeliver(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        assertThat(tx.with(Op.STAGE, xid("t1"), List.of(raw.pubMsg("p", "orders", "x")), List.of()).getXaCode())
                .isEqualTo(XA_OK);

        assertThat(tx.op(Op.ROLLBACK, xid("t1")).getXaCode()).isEqualTo(XA_OK);

        assertThat(tx.op(Op.PREPARE, xid("t1")).getXaCode()).as("nothing left of it").isEqualTo(XA_RDONLY);
        assertThat(lastSequence(stan, "orders")).isZero();
    }

    @Test
    void stagedContentIsPreparedWithTheRestAndCommitted(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders"));
        assertThat(tx.with(Op.STAGE, xid("t1"), List.of(raw.pubMsg("p", "orders", "first")), List.of()).getXaCode())
                .isEqualTo(XA_OK);
        assertThat(tx.with(Op.STAGE, xid("t1"), List.of(raw.pubMsg("p", "orders", "second")), List.of()).getXaCode())
                .isEqualTo(XA_OK);

        assertThat(tx.send(tx.request(Op.PREPARE, xid("t1")).setStaged(true)
                .addSends(raw.pubMsg("p", "orders", "third"))).getXaCode()).isEqualTo(XA_OK);
        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XA_OK);

        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        assertThat(data(sub.received())).containsExactly("first", "second", "third");
    }

    @Test
    void aBranchWithNothingInItIsReadOnlyAndForgotten(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders"));

        assertThat(tx.op(Op.PREPARE, xid("empty")).getXaCode()).isEqualTo(XA_RDONLY);
        // an ack of a message that is not pending can no longer matter
        assertThat(tx.with(Op.PREPARE, xid("stale"), List.of(), List.of(ack(sub, 7))).getXaCode())
                .isEqualTo(XA_RDONLY);

        assertThat(tx.recover()).isEmpty();
        assertThat(tx.op(Op.COMMIT, xid("empty")).getXaCode()).isEqualTo(XAER_NOTA);
    }

    @Test
    void refusalsCarryTheirXaCode(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        Xid tooLong = xid("x").toBuilder().setBranchId(ByteString.copyFrom(new byte[65])).build();

        assertThat(tx.sendRaw(RawStan.GARBAGE)).extracting(TxResponse::getXaCode, TxResponse::getError)
                .containsExactly(XAER_RMERR, Extensions.INVALID_TX_REQUEST);
        assertThat(new TxWire(raw, "nobody").op(Op.RECOVER, null))
                .extracting(TxResponse::getXaCode, TxResponse::getError)
                .containsExactly(XAER_RMERR, ProtocolErrors.UNKNOWN_CLIENT_ID);
        assertThat(tx.op(Op.OP_UNSPECIFIED, xid("x")).getXaCode()).isEqualTo(XAER_INVAL);
        assertThat(tx.op(Op.PREPARE, null).getXaCode()).isEqualTo(XAER_INVAL);
        TxResponse tooLongXid = tx.op(Op.PREPARE, tooLong);
        assertThat(tooLongXid.getXaCode()).isEqualTo(XAER_INVAL);
        assertThat(tooLongXid.getError()).contains("65 bytes");
        assertThat(tx.op(Op.COMMIT, xid("unknown")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tx.op(Op.ROLLBACK, xid("unknown")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tx.op(Op.FORGET, xid("unknown")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tx.send(tx.request(Op.PREPARE, xid("unknown")).setStaged(true)
                .addSends(raw.pubMsg("p", "orders", "tail"))).getXaCode())
                .as("the rest of a branch whose staged part is gone").isEqualTo(XAER_NOTA);

        assertThat(tx.with(Op.STAGE, xid("staged"), List.of(raw.pubMsg("p", "orders", "x")), List.of()).getXaCode())
                .isEqualTo(XA_OK);
        assertThat(tx.op(Op.COMMIT, xid("staged")).getXaCode()).as("commit before prepare").isEqualTo(XAER_PROTO);

        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(raw.pubMsg("p", "orders", "x")), List.of()).getXaCode())
                .isEqualTo(XA_OK);
        assertThat(tx.op(Op.PREPARE, xid("t1")).getXaCode()).isEqualTo(XAER_PROTO);
        assertThat(tx.op(Op.STAGE, xid("t1")).getXaCode()).isEqualTo(XAER_PROTO);
        assertThat(tx.op(Op.COMMIT_ONE_PHASE, xid("t1")).getXaCode()).isEqualTo(XAER_PROTO);
        assertThat(tx.with(Op.COMMIT, xid("t1"), List.of(raw.pubMsg("p", "orders", "y")), List.of()).getXaCode())
                .as("content with COMMIT").isEqualTo(XAER_INVAL);
        assertThat(tx.op(Op.FORGET, xid("t1")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tx.recover()).containsExactly(xid("t1"));
        assertThat(lastSequence(stan, "orders")).as("nothing refused was applied").isZero();
    }

    @Test
    @StanConfig(maxChannels = 1)
    void aSendThatWouldBeRefusedAsAPublishRollsTheBranchBackAtPrepare(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(1));
        raw.publishOk("p", "orders", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);

        List<PubMsg.Builder> refusedSends = List.of(raw.pubMsg("nobody", "orders", "x"),
                raw.pubMsg("p", "orders.*", "x"), raw.pubMsg("p", "orders", "x").setGuid(""),
                raw.pubMsg("p", "other", "x"));
        for (PubMsg.Builder refused : refusedSends) {
            String name = "bad-" + refused.getSubject() + "-" + refused.getClientID() + "-" + refused.getGuid().isEmpty();
            TxResponse response = tx.with(Op.PREPARE, xid(name),
                    List.of(raw.pubMsg("p", "orders", "fine"), refused), List.of(ack(sub, 1)));

            assertThat(response.getXaCode()).as(response.getError()).isEqualTo(XA_RBROLLBACK);
            assertThat(response.getError()).contains("send 2 of 2");
            assertThat(tx.op(Op.COMMIT, xid(name)).getXaCode()).as("discarded").isEqualTo(XAER_NOTA);
        }
        assertThat(tx.with(Op.COMMIT_ONE_PHASE, xid("one-phase"),
                List.of(raw.pubMsg("p", "orders", "fine"), raw.pubMsg("p", "other", "x")), List.of(ack(sub, 1)))
                .getError()).contains(ProtocolErrors.TOO_MANY_CHANNELS);

        assertThat(lastSequence(stan, "orders")).as("nothing appended").isEqualTo(1);
        assertThat(stan.snapshot().channels()).hasSize(1);
        assertThat(tx.recover()).isEmpty();
        await("the ack was not applied: the message comes again").atMost(WAIT)
                .until(() -> sub.received().size() >= 2);
        assertThat(sub.received().get(1).getSequence()).isEqualTo(1);
    }

    @Test
    void aPreparedBranchHoldsItsAckedMessagesUntilItsCommit(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setAckWaitInSecs(1));
        raw.publishOk("p", "orders", 2);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(), List.of(ack(sub, 1))).getXaCode()).isEqualTo(XA_OK);

        // message 2 is not held: its ack wait runs out again and again; message 1 never comes again
        await().atMost(WAIT).until(() -> sub.received().stream().filter(m -> m.getSequence() == 2).count() >= 3);
        assertThat(sub.received()).filteredOn(m -> m.getSequence() == 1).hasSize(1);
        raw.ack(sub, 2);

        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XA_OK);
        int seen = sub.received().size();
        await().during(PAST_ACK_WAIT).atMost(WAIT).until(() -> sub.received().size() == seen);
        assertThat(sub.received()).filteredOn(m -> m.getSequence() == 1).hasSize(1);
    }

    @Test
    void aHeldMessageStaysHeldWhenItsQueueMemberLeavesAndGoesToAnotherOnRollback(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        RawStan.Sub first = raw.subscribeOk(raw.subRequest("p", "orders").setQGroup("workers").setAckWaitInSecs(1));
        raw.publishOk("p", "orders", 1);
        await().atMost(WAIT).until(() -> first.received().size() == 1);
        RawStan.Sub second = raw.subscribeOk(raw.subRequest("p", "orders").setQGroup("workers").setAckWaitInSecs(1));
        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(), List.of(ack(first, 1))).getXaCode()).isEqualTo(XA_OK);

        raw.closeSubscription("p", "orders", first.inbox());
        await().during(PAST_ACK_WAIT).atMost(WAIT).until(() -> second.received().isEmpty());

        assertThat(tx.op(Op.ROLLBACK, xid("t1")).getXaCode()).isEqualTo(XA_OK);
        await().atMost(WAIT).until(() -> second.received().size() == 1);
        assertThat(second.received().get(0).getSequence()).isEqualTo(1);
        assertThat(second.received().get(0).getRedelivered()).isTrue();
    }

    @Test
    void recoverListsThePreparedBranchesOldestFirst(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        for (String name : List.of("c", "a", "b")) {
            assertThat(tx.with(Op.PREPARE, xid(name), List.of(raw.pubMsg("p", "orders", name)), List.of())
                    .getXaCode()).isEqualTo(XA_OK);
        }

        assertThat(tx.recover()).containsExactly(xid("c"), xid("a"), xid("b"));

        raw.connect("tm");
        TxWire other = new TxWire(raw, "tm");
        assertThat(other.op(Op.COMMIT, xid("a")).getXaCode()).as("any client completes any branch").isEqualTo(XA_OK);
        assertThat(other.recover()).containsExactly(xid("c"), xid("b"));
    }

    @Test
    void aSendWhoseGuidIsInTheDuplicateWindowIsSkippedAtCommit(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        TxWire tx = new TxWire(raw, "p");
        PubMsg.Builder published = raw.pubMsg("p", "orders", "once");
        assertThat(raw.publish(published).getError()).isEmpty();

        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(published, raw.pubMsg("p", "orders", "new")), List.of())
                .getXaCode()).isEqualTo(XA_OK);
        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XA_OK);

        assertThat(lastSequence(stan, "orders")).isEqualTo(2);
    }

    @Test
    void aStagedBranchIsDroppedWhenItsClientCloses(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        raw.connect("s");
        TxWire staging = new TxWire(raw, "s");
        assertThat(staging.with(Op.STAGE, xid("t1"), List.of(raw.pubMsg("s", "orders", "x")), List.of()).getXaCode())
                .isEqualTo(XA_OK);

        assertThat(raw.close("s").getError()).isEmpty();

        TxWire tm = new TxWire(raw, "p");
        assertThat(tm.send(tm.request(Op.PREPARE, xid("t1")).setStaged(true)).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tm.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(tm.op(Op.ROLLBACK, xid("t1")).getXaCode()).isEqualTo(XAER_NOTA);
        assertThat(lastSequence(stan, "orders")).isZero();
    }
}
