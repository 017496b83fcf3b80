package io.natsjms.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message to append ({@link MessageStore#append(NewMessage)}), given by its fields rather than as a
 * {@link MsgProto}: subject, reply, data, the timestamp asked for, and at most one field the STAN schema
 * does not have (a length-delimited string, such as the server's publish ID). The store gives it its
 * sequence and final timestamp and then writes its bytes straight where it keeps them, with no
 * builder, no intermediate message and no copy of the data in between.
 *
 * <p>{@link #writeTo} produces exactly the bytes of {@code toMsgProto(sequence, timestamp).toByteArray()}:
 * the known fields in field-number order, those with their default value left out, then the extra
 * field. Strings are encoded as protobuf encodes them ({@link String#getBytes} in UTF-8, which is also
 * what protobuf falls back to for a string with an unpaired surrogate). Immutable; {@code data} is
 * shared, not copied, so its bytes must not change.
 */
public final class NewMessage {

    /** The highest field number protobuf allows. */
    private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

    private final String subject;
    private final String reply;
    private final ByteString data;
    private final long timestamp;
    private final int extraField;
    private final String extraValue;
    /** The UTF-8 encodings of subject, reply and extra value (null when there is no extra field). */
    private final byte[] subjectUtf8;
    private final byte[] replyUtf8;
    private final byte[] extraUtf8;
    /** The encoded size of every field but sequence and timestamp. */
    private final int fixedSize;

    private NewMessage(String subject, String reply, ByteString data, long timestampNanos, int extraField,
                       String extraValue) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.reply = Objects.requireNonNull(reply, "reply");
        this.data = Objects.requireNonNull(data, "data");
        this.timestamp = timestampNanos;
        this.extraField = extraField;
        this.extraValue = extraValue;
        this.subjectUtf8 = subject.getBytes(StandardCharsets.UTF_8);
        this.replyUtf8 = reply.getBytes(StandardCharsets.UTF_8);
        this.extraUtf8 = extraValue == null ? null : extraValue.getBytes(StandardCharsets.UTF_8);
        long size = MsgProtoWriter.bytesFieldSize(MsgProto.SUBJECT_FIELD_NUMBER, subjectUtf8.length)
                + MsgProtoWriter.bytesFieldSize(MsgProto.REPLY_FIELD_NUMBER, replyUtf8.length)
                + MsgProtoWriter.bytesFieldSize(MsgProto.DATA_FIELD_NUMBER, data.size())
                + (extraUtf8 == null ? 0 : MsgProtoWriter.extraFieldSize(extraField, extraUtf8.length));
        if (size > Integer.MAX_VALUE - 2 * MsgProtoWriter.MAX_VARINT_FIELD) {
            throw new IllegalArgumentException("message on \"" + subject + "\": " + size
                    + " bytes encoded (expected: at most " + (Integer.MAX_VALUE - 2 * MsgProtoWriter.MAX_VARINT_FIELD)
                    + ")");
        }
        this.fixedSize = (int) size;
    }

    /**
     * A message with no field beyond the STAN schema.
     *
     * @param timestampNanos the timestamp asked for (Unix ns); 0 or less for "now", as in
     *                       {@link MessageStore#append(MsgProto)}
     */
    public static NewMessage of(String subject, String reply, ByteString data, long timestampNanos) {
        return new NewMessage(subject, reply, data, timestampNanos, 0, null);
    }

    /**
     * A message that also carries {@code value} in field {@code field}, a field {@link MsgProto} does not
     * have: stores keep it, subscribers skip it.
     *
     * @param field a field number above those of {@link MsgProto} (11 to 2^29 - 1)
     */
    public static NewMessage withExtraField(String subject, String reply, ByteString data, long timestampNanos,
                                            int field, String value) {
        if (field <= MsgProto.CRC32_FIELD_NUMBER || field > MAX_FIELD_NUMBER) {
            throw new IllegalArgumentException("extra field: " + field + " (expected: a field number MsgProto does"
                    + " not have, " + (MsgProto.CRC32_FIELD_NUMBER + 1) + " to " + MAX_FIELD_NUMBER + ")");
        }
        return new NewMessage(subject, reply, data, timestampNanos, field, Objects.requireNonNull(value, "value"));
    }

    public String subject() {
        return subject;
    }

    public String reply() {
        return reply;
    }

    public ByteString data() {
        return data;
    }

    /** The timestamp asked for (Unix ns); 0 or less for "now". */
    public long timestamp() {
        return timestamp;
    }

    /** The size of the encoding with this sequence and timestamp (either left out when 0). */
    public int serializedSize(long sequence, long timestampNanos) {
        return fixedSize + MsgProtoWriter.varintFieldSize(sequence) + MsgProtoWriter.varintFieldSize(timestampNanos);
    }

    /**
     * Writes the encoding with this sequence and timestamp at {@code out}'s position, which moves past it:
     * {@link #serializedSize} bytes.
     *
     * @throws java.nio.BufferOverflowException if {@code out} has less room (nothing is then written)
     */
    public void writeTo(ByteBuffer out, long sequence, long timestampNanos) {
        if (out.remaining() < serializedSize(sequence, timestampNanos)) {
            throw new java.nio.BufferOverflowException();
        }
        MsgProtoWriter.varintField(out, MsgProto.SEQUENCE_FIELD_NUMBER, sequence);
        MsgProtoWriter.bytesField(out, MsgProto.SUBJECT_FIELD_NUMBER, subjectUtf8);
        MsgProtoWriter.bytesField(out, MsgProto.REPLY_FIELD_NUMBER, replyUtf8);
        if (!data.isEmpty()) {
            MsgProtoWriter.tagAndLength(out, MsgProto.DATA_FIELD_NUMBER, data.size());
            data.copyTo(out);
        }
        MsgProtoWriter.varintField(out, MsgProto.TIMESTAMP_FIELD_NUMBER, timestampNanos);
        if (extraUtf8 != null) {
            MsgProtoWriter.tagAndLength(out, extraField, extraUtf8.length);
            out.put(extraUtf8);
        }
    }

    /** The encoding with this sequence and timestamp, in a new array. */
    public byte[] toByteArray(long sequence, long timestampNanos) {
        byte[] bytes = new byte[serializedSize(sequence, timestampNanos)];
        writeTo(ByteBuffer.wrap(bytes), sequence, timestampNanos);
        return bytes;
    }

    /** The message as a {@link MsgProto} with this sequence and timestamp (the extra field as an unknown field). */
    public MsgProto toMsgProto(long sequence, long timestampNanos) {
        MsgProto.Builder builder = MsgProto.newBuilder().setSequence(sequence).setSubject(subject)
                .setTimestamp(timestampNanos).setReply(reply).setData(data);
        if (extraValue != null) {
            builder.setUnknownFields(UnknownFieldSet.newBuilder()
                    .mergeLengthDelimitedField(extraField, ByteString.copyFromUtf8(extraValue)).build());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "NewMessage[subject=" + subject + ", reply=" + reply + ", " + data.size() + " bytes of data, timestamp="
                + timestamp + (extraValue == null ? "" : ", field " + extraField + "=" + extraValue) + "]";
    }
}
