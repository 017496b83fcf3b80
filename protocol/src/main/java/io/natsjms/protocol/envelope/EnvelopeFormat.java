package io.natsjms.protocol.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The framing of a JMS envelope in a STAN payload: the magic {@code 0x89 'J' 'M' 'S'}, the format
 * version byte, then the protobuf {@link Envelope}. {@code 0x89} is not a valid first byte of UTF-8
 * text, so text and JSON payloads of plain STAN publishers can never look like an envelope; binary
 * payloads would need the five exact bytes <em>and</em> a well-formed envelope with a known body type.
 * The JMS provider writes and reads it; the server reads it to evaluate queue consumers' selectors.
 */
public final class EnvelopeFormat {

    static final byte[] MAGIC = {(byte) 0x89, 'J', 'M', 'S'};
    static final byte VERSION = 1;
    static final int HEADER_LENGTH = MAGIC.length + 1;

    private EnvelopeFormat() {
    }

    /** The payload carrying {@code envelope}. */
    public static byte[] frame(Envelope envelope) {
        byte[] payload = new byte[HEADER_LENGTH + envelope.getSerializedSize()];
        System.arraycopy(MAGIC, 0, payload, 0, MAGIC.length);
        payload[MAGIC.length] = VERSION;
        CodedOutputStream out = CodedOutputStream.newInstance(payload, HEADER_LENGTH, payload.length - HEADER_LENGTH);
        try {
            envelope.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("an envelope did not fit the size protobuf gave for it", e);
        }
        out.checkNoSpaceLeft();
        return payload;
    }

    /** The envelope in {@code payload}, or null when the payload is not one (read in place, not copied). */
    public static Envelope unframe(ByteString payload) {
        if (payload == null || payload.size() < HEADER_LENGTH || payload.byteAt(MAGIC.length) != VERSION) {
            return null;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload.byteAt(i) != MAGIC[i]) {
                return null;
            }
        }
        try {
            return known(Envelope.parser().parseFrom(payload.substring(HEADER_LENGTH)));
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** The envelope in {@code payload}, or null when the payload is not one. */
    public static Envelope unframe(byte[] payload) {
        if (payload == null || payload.length < HEADER_LENGTH
                || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || payload[MAGIC.length] != VERSION) {
            return null;
        }
        try {
            return known(Envelope.parser().parseFrom(payload, HEADER_LENGTH, payload.length - HEADER_LENGTH));
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** {@code envelope}, or null when its body type is missing or unknown (then it is not an envelope). */
    private static Envelope known(Envelope envelope) {
        BodyType type = envelope.getBodyType();
        return type == BodyType.BODY_TYPE_UNSPECIFIED || type == BodyType.UNRECOGNIZED ? null : envelope;
    }
}
