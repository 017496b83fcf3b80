package io.natsjms.server.streaming;

import com.google.protobuf.CodedOutputStream;
import io.natsjms.protocol.pb.PubAck;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link PubAck} straight to bytes, exactly as {@code PubAck.toByteArray()} would, without a
 * builder and a message per publish: the engine sends one PubAck per publish. The common ack, a short
 * ASCII guid and no error (what the official clients send and get), is written by hand: its tag, its
 * length in one byte, its characters; anything else goes through protobuf's {@link CodedOutputStream}.
 */
final class PubAckEncoder {

    /** The tag of field {@code guid}: number 1, length-delimited. */
    private static final byte GUID_TAG = (byte) (PubAck.GUID_FIELD_NUMBER << 3 | 2);
    /** The longest value whose length takes one byte (a varint below 128). */
    private static final int ONE_BYTE_LENGTH = 127;

    private PubAckEncoder() {
    }

    /** The PubAck of {@code guid}, with {@code error} unless it is {@code null}. */
    static byte[] encode(String guid, String error) {
        if (error == null && guid.length() <= ONE_BYTE_LENGTH) {
            byte[] ack = shortAck(guid);
            if (ack != null) {
                return ack;
            }
        }
        return anyAck(guid, error == null ? "" : error);
    }

    /** The ack of an ASCII {@code guid} of at most {@link #ONE_BYTE_LENGTH} characters; null if it is not ASCII. */
    private static byte[] shortAck(String guid) {
        int n = guid.length();
        if (n == 0) {
            return new byte[0]; // proto3 leaves an empty string out
        }
        byte[] out = new byte[2 + n];
        out[0] = GUID_TAG;
        out[1] = (byte) n;
        for (int i = 0; i < n; i++) {
            char c = guid.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            out[2 + i] = (byte) c;
        }
        return out;
    }

    private static byte[] anyAck(String guid, String error) {
        int size = (guid.isEmpty() ? 0 : CodedOutputStream.computeStringSize(PubAck.GUID_FIELD_NUMBER, guid))
                + (error.isEmpty() ? 0 : CodedOutputStream.computeStringSize(PubAck.ERROR_FIELD_NUMBER, error));
        byte[] out = new byte[size];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            if (!guid.isEmpty()) {
                stream.writeString(PubAck.GUID_FIELD_NUMBER, guid);
            }
            if (!error.isEmpty()) {
                stream.writeString(PubAck.ERROR_FIELD_NUMBER, error);
            }
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("PubAck of guid \"" + guid + "\": " + size + " bytes computed but "
                    + "not written (expected: an exact fit)", e);
        }
        return out;
    }
}
