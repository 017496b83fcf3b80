package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.PubMsg;

/**
 * The fields of a {@link PubMsg} the engine uses, as {@link PublishDecoder} reads them off the wire.
 * {@code data} and {@code connId} share the received payload rather than copy it.
 */
record Publish(String clientId, String guid, String subject, String reply, ByteString data, ByteString connId) {

    /** The fields of a message protobuf parsed. */
    static Publish of(PubMsg msg) {
        return new Publish(msg.getClientID(), msg.getGuid(), msg.getSubject(), msg.getReply(), msg.getData(),
                msg.getConnID());
    }
}
