package io.natsjms.stan;

import com.google.protobuf.CodedOutputStream;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.pb.PubMsg;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the content of a branch into requests that each fit into one NATS message: every request but
 * the last is a STAGE, the last one is the operation asked for (PREPARE or COMMIT_ONE_PHASE), so that the
 * server receives the branch in order and acts on it with the last request, which says that STAGE requests
 * came before it ({@code staged}: the server refuses it with XAER_NOTA should it have lost them).
 */
final class TxChunks {

    private TxChunks() {
    }

    /**
     * The requests carrying {@code sends} then {@code acks}, built from {@code base} (clientID, xid, no
     * content); each at most {@code maxBytes} long.
     *
     * @throws IllegalArgumentException naming the send whose request alone would be longer than
     *                                  {@code maxBytes}
     */
    static List<TxRequest> split(TxRequest base, TxRequest.Op last, List<PubMsg> sends, List<TxAck> acks,
                                 long maxBytes) {
        long room = maxBytes - base.toBuilder().setOp(TxRequest.Op.COMMIT_ONE_PHASE).build().getSerializedSize();
        List<TxRequest> requests = new ArrayList<>();
        TxRequest.Builder current = base.toBuilder();
        long used = 0;
        for (PubMsg send : sends) {
            int size = CodedOutputStream.computeMessageSize(TxRequest.SENDS_FIELD_NUMBER, send);
            if (size > room) {
                throw new IllegalArgumentException("send " + send.getGuid() + " to channel \"" + send.getSubject()
                        + "\": " + send.getData().size() + " bytes of data (expected: a message that fits into one"
                        + " NATS message of " + maxBytes + " bytes with the transaction request)");
            }
            if (used + size > room) {
                requests.add(current.setOp(TxRequest.Op.STAGE).build());
                current = base.toBuilder();
                used = 0;
            }
            current.addSends(send);
            used += size;
        }
        for (TxAck ack : acks) {
            int size = CodedOutputStream.computeMessageSize(TxRequest.ACKS_FIELD_NUMBER, ack);
            if (used + size > room) {
                requests.add(current.setOp(TxRequest.Op.STAGE).build());
                current = base.toBuilder();
                used = 0;
            }
            current.addAcks(ack);
            used += size;
        }
        requests.add(current.setOp(last).setStaged(!requests.isEmpty()).build());
        return requests;
    }
}
