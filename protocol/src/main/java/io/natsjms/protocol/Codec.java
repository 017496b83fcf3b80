package io.natsjms.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/**
 * Decodes protocol messages, turning a malformed payload into a {@link ProtocolException} that names
 * the message type and the subject it arrived on.
 */
public final class Codec {

    private Codec() {
    }

    /**
     * Parses {@code payload} with {@code parser}. Bytes fields of the result share {@code payload}
     * instead of copying it, so the caller must not change the array afterwards.
     *
     * @param type    the message type, for the error (e.g. "SubscriptionRequest")
     * @param subject the subject the payload arrived on, for the error
     * @throws ProtocolException if the payload is not a valid encoding of the message
     */
    public static <T> T decode(Parser<T> parser, byte[] payload, String type, String subject) {
        try {
            CodedInputStream input = CodedInputStream.newInstance(payload);
            input.enableAliasing(true);
            return parser.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw new ProtocolException("bad " + type + " on " + subject + ": " + e.getMessage(), e);
        }
    }
}
