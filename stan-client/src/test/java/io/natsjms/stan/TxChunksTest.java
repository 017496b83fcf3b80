package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.protocol.pb.PubMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TxChunksTest {

    private static final TxRequest BASE = TxRequest.newBuilder().setClientID("me")
            .setXid(Xid.newBuilder().setFormatId(1).setGlobalId(ByteString.copyFromUtf8("g"))
                    .setBranchId(ByteString.copyFromUtf8("b")))
            .build();

    private static PubMsg send(int i, int bytes) {
        return PubMsg.newBuilder().setClientID("me").setGuid("guid-" + i).setSubject("orders")
                .setData(ByteString.copyFrom(new byte[bytes])).build();
    }

    private static TxAck ack(long sequence) {
        return TxAck.newBuilder().setChannel("orders").setAckInbox("_INBOX.acks").setSequence(sequence).build();
    }

    @Test
    void contentThatFitsGoesInOneRequestOfTheOperationAskedFor() {
        List<TxRequest> requests = TxChunks.split(BASE, TxRequest.Op.PREPARE, List.of(send(1, 10)), List.of(ack(3)),
                1024);

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.getOp()).isEqualTo(TxRequest.Op.PREPARE);
            assertThat(r.getStaged()).isFalse();
            assertThat(r.getXid()).isEqualTo(BASE.getXid());
            assertThat(r.getSendsList()).containsExactly(send(1, 10));
            assertThat(r.getAcksList()).containsExactly(ack(3));
        });
    }

    @Test
    void anEmptyBranchIsOneRequestWithoutContent() {
        assertThat(TxChunks.split(BASE, TxRequest.Op.COMMIT_ONE_PHASE, List.of(), List.of(), 1024))
                .singleElement().satisfies(r -> assertThat(r.getSendsCount() + r.getAcksCount()).isZero());
    }

    @Test
    void largerContentIsStagedInOrderEachRequestWithinTheLimitAndTheLastIsTheOperation() {
        List<PubMsg> sends = IntStream.range(0, 40).mapToObj(i -> send(i, 100 + i)).toList();
        List<TxAck> acks = IntStream.range(0, 100).mapToObj(i -> ack(i + 1)).toList();
        long limit = 1000;

        List<TxRequest> requests = TxChunks.split(BASE, TxRequest.Op.PREPARE, sends, acks, limit);

        assertThat(requests.size()).isGreaterThan(5);
        assertThat(requests).allSatisfy(r -> assertThat(r.getSerializedSize()).isLessThanOrEqualTo((int) limit));
        assertThat(requests.subList(0, requests.size() - 1)).allSatisfy(r -> {
            assertThat(r.getOp()).isEqualTo(TxRequest.Op.STAGE);
            assertThat(r.getXid()).isEqualTo(BASE.getXid());
        });
        assertThat(requests.get(requests.size() - 1).getOp()).isEqualTo(TxRequest.Op.PREPARE);
        assertThat(requests.get(requests.size() - 1).getStaged()).isTrue();
        List<PubMsg> allSends = new ArrayList<>();
        List<TxAck> allAcks = new ArrayList<>();
        requests.forEach(r -> {
            allSends.addAll(r.getSendsList());
            allAcks.addAll(r.getAcksList());
        });
        assertThat(allSends).isEqualTo(sends);
        assertThat(allAcks).isEqualTo(acks);
    }

    @Test
    void aSendThatCannotFitAloneIsRefusedNamingIt() {
        assertThatThrownBy(() -> TxChunks.split(BASE, TxRequest.Op.PREPARE, List.of(send(7, 2000)), List.of(), 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guid-7").hasMessageContaining("orders").hasMessageContaining("1000 bytes");
    }
}
