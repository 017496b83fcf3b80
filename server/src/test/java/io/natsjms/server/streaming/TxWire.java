package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.protocol.pb.PubMsg;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Transaction requests (docs/protocol.md, "Transactions") sent over a {@link RawStan} connection. */
final class TxWire {

    static final int XA_OK = 0;
    static final int XA_RDONLY = 3;
    static final int XA_RBROLLBACK = 100;
    static final int XAER_RMERR = -3;
    static final int XAER_NOTA = -4;
    static final int XAER_INVAL = -5;
    static final int XAER_PROTO = -6;
    static final int XAER_RMFAIL = -7;

    private final RawStan raw;
    private final String clientId;

    /** Requests on behalf of {@code clientId} (a registered client of {@code raw}, or a test of one that is not). */
    TxWire(RawStan raw, String clientId) {
        this.raw = raw;
        this.clientId = clientId;
    }

    static Xid xid(String global) {
        return Xid.newBuilder().setFormatId(0x1234).setGlobalId(ByteString.copyFrom(global, StandardCharsets.UTF_8))
                .setBranchId(ByteString.copyFromUtf8("b1")).build();
    }

    static TxAck ack(RawStan.Sub sub, long sequence) {
        return TxAck.newBuilder().setChannel(sub.channel()).setAckInbox(sub.ackInbox()).setSequence(sequence).build();
    }

    TxRequest.Builder request(TxRequest.Op op, Xid xid) {
        TxRequest.Builder request = TxRequest.newBuilder().setClientID(clientId).setOp(op);
        return xid == null ? request : request.setXid(xid);
    }

    TxResponse send(TxRequest.Builder request) {
        return sendRaw(request.build().toByteArray());
    }

    TxResponse sendRaw(byte[] payload) {
        try {
            return TxResponse.parseFrom(raw.request(Extensions.txSubject(raw.subjects), payload));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable TxResponse: " + e.getMessage(), e);
        }
    }

    TxResponse op(TxRequest.Op op, Xid xid) {
        return send(request(op, xid));
    }

    /** PREPARE (or another op taking content) of {@code sends} and {@code acks}. */
    TxResponse with(TxRequest.Op op, Xid xid, List<PubMsg.Builder> sends, List<TxAck> acks) {
        TxRequest.Builder request = request(op, xid).addAllAcks(acks);
        for (PubMsg.Builder send : sends) {
            request.addSends(send);
        }
        return send(request);
    }

    List<Xid> recover() {
        TxResponse response = op(TxRequest.Op.RECOVER, null);
        if (response.getXaCode() != XA_OK) {
            throw new AssertionError("RECOVER failed: " + response);
        }
        return response.getPreparedList();
    }
}
