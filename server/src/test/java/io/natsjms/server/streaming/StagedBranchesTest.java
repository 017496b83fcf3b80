package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.spb.BranchId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staged branches: what they gather, whose they are, and how much a client may stage. */
class StagedBranchesTest {

    private final StagedBranches staged = new StagedBranches();

    private static BranchId id(String name) {
        return BranchId.newBuilder().setFormatId(1).setGlobalId(ByteString.copyFromUtf8(name)).build();
    }

    private static PubMsg send(String guid, ByteString data) {
        return PubMsg.newBuilder().setClientID("app").setGuid(guid).setSubject("orders").setData(data).build();
    }

    private static List<TxAck> acks(int count) {
        List<TxAck> acks = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            acks.add(TxAck.newBuilder().setChannel("orders").setAckInbox("ack").setSequence(i).build());
        }
        return acks;
    }

    @Test
    void stagesGatherInOrderAndEndWithTheClientThatStaged() throws TxRefused {
        staged.stage(id("a"), "app", List.of(send("1", ByteString.copyFromUtf8("x"))), List.of());
        staged.stage(id("a"), "other", List.of(send("2", ByteString.copyFromUtf8("y"))), acks(1));
        staged.stage(id("b"), "other", List.of(), acks(2));

        assertThat(staged.get(id("a")).sends()).extracting(PubMsg::getGuid).containsExactly("1", "2");
        staged.dropClient("app");
        assertThat(staged.contains(id("a"))).isFalse();
        assertThat(staged.contains(id("b"))).isTrue();
    }

    @Test
    void aBranchWithTooManyEntriesIsRefusedAndDropped() throws TxRefused {
        staged.stage(id("big"), "app", List.of(), acks(StagedBranches.MAX_STAGED_ENTRIES));

        assertThatThrownBy(() -> staged.stage(id("big"), "app", List.of(), acks(1)))
                .isInstanceOfSatisfying(TxRefused.class, e -> assertThat(e.xaCode()).isEqualTo(XaCode.XA_RBROLLBACK))
                .hasMessageContaining(StagedBranches.MAX_STAGED_ENTRIES + 1 + " sends and acks");
        assertThat(staged.contains(id("big"))).isFalse();
    }

    @Test
    void aBranchWithTooManyBytesIsRefusedAndDropped() throws TxRefused {
        ByteString half = UnsafeByteOperations.unsafeWrap(new byte[(int) (StagedBranches.MAX_STAGED_BYTES / 2)]);
        staged.stage(id("big"), "app", List.of(send("1", half), send("2", half)), List.of());

        assertThatThrownBy(() -> staged.stage(id("big"), "app", List.of(send("3", ByteString.copyFromUtf8("z"))),
                List.of()))
                .isInstanceOfSatisfying(TxRefused.class, e -> assertThat(e.xaCode()).isEqualTo(XaCode.XA_RBROLLBACK))
                .hasMessageContaining((StagedBranches.MAX_STAGED_BYTES + 1) + " bytes");
        assertThat(staged.contains(id("big"))).isFalse();
    }
}
