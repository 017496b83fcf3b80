package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PubMsg;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@link PubMsg} payload into a {@link Publish}, by hand for what official clients send: only
 * fields of the schema, each length-delimited with a one-byte tag, and ASCII strings. Anything else
 * (another field or wire type, a non-ASCII string, a malformed length) goes to protobuf's parser, which
 * decides, so the result is always what {@code PubMsg.parseFrom} gives, or its error. Bytes fields share
 * {@code payload} (as {@link Codec#decode} does), so the caller must not change it afterwards.
 */
final class PublishDecoder {

    private static final int LENGTH_DELIMITED = 2;
    private static final byte CLIENT_ID = tag(PubMsg.CLIENTID_FIELD_NUMBER);
    private static final byte GUID = tag(PubMsg.GUID_FIELD_NUMBER);
    private static final byte SUBJECT = tag(PubMsg.SUBJECT_FIELD_NUMBER);
    private static final byte REPLY = tag(PubMsg.REPLY_FIELD_NUMBER);
    private static final byte DATA = tag(PubMsg.DATA_FIELD_NUMBER);
    private static final byte CONN_ID = tag(PubMsg.CONNID_FIELD_NUMBER);
    private static final byte SHA256 = tag(PubMsg.SHA256_FIELD_NUMBER);

    private PublishDecoder() {
    }

    private static byte tag(int field) {
        return (byte) (field << 3 | LENGTH_DELIMITED);
    }

    /**
     * The publish in {@code payload}, received on {@code subject}.
     *
     * @throws ProtocolException if it is not a valid PubMsg
     */
    static Publish decode(byte[] payload, String subject) {
        Publish publish = fastDecode(payload);
        return publish != null ? publish : Publish.of(Codec.decode(PubMsg.parser(), payload, "PubMsg", subject));
    }

    /** The publish, or {@code null} when the payload holds anything the hand decoding leaves to protobuf. */
    static Publish fastDecode(byte[] payload) {
        String clientId = "";
        String guid = "";
        String subject = "";
        String reply = "";
        ByteString data = ByteString.EMPTY;
        ByteString connId = ByteString.EMPTY;
        int at = 0;
        while (at < payload.length) {
            byte tag = payload[at++];
            if (!known(tag)) {
                return null;
            }
            // the length: a varint of at most 4 bytes here (below 2^28); longer ones go to protobuf
            int length = 0;
            int shift = 0;
            byte b;
            do {
                if (at == payload.length || shift == 28) {
                    return null;
                }
                b = payload[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if (length > payload.length - at) {
                return null;
            }
            if (tag == DATA) {
                data = bytes(payload, at, length);
            } else if (tag == CONN_ID) {
                connId = bytes(payload, at, length);
            } else if (tag != SHA256) { // sha256 is not used by the server
                String value = ascii(payload, at, length);
                if (value == null) {
                    return null;
                } else if (tag == CLIENT_ID) {
                    clientId = value;
                } else if (tag == GUID) {
                    guid = value;
                } else if (tag == SUBJECT) {
                    subject = value;
                } else {
                    reply = value;
                }
            }
            at += length;
        }
        return new Publish(clientId, guid, subject, reply, data, connId);
    }

    /** Whether {@code tag} is one of the schema's fields, length-delimited, as a one-byte tag. */
    private static boolean known(byte tag) {
        return tag == CLIENT_ID || tag == GUID || tag == SUBJECT || tag == REPLY || tag == DATA || tag == CONN_ID
                || tag == SHA256;
    }

    private static ByteString bytes(byte[] payload, int at, int length) {
        return length == 0 ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(payload, at, length);
    }

    /** The string of ASCII bytes, or {@code null} if one is not ASCII (protobuf then validates the UTF-8). */
    private static String ascii(byte[] payload, int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (payload[i] < 0) {
                return null;
            }
        }
        return length == 0 ? "" : new String(payload, at, length, StandardCharsets.ISO_8859_1);
    }
}
