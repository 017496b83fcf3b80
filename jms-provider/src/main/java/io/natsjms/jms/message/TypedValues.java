package io.natsjms.jms.message;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.envelope.TypedValue;
import io.natsjms.protocol.envelope.TypedValueReader;
import jakarta.jms.MessageFormatException;

/** Java values ⇄ envelope {@link TypedValue}s, keeping the exact Java type. */
final class TypedValues {

    private TypedValues() {
    }

    /** Whether {@code value} may be a MapMessage entry or a StreamMessage item. */
    static boolean isStreamOrMapType(Object value) {
        return MessageProperties.isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    static TypedValue encode(Object value) {
        TypedValue.Builder b = TypedValue.newBuilder();
        if (value == null) {
            b.setNullValue(true);
        } else if (value instanceof Boolean v) {
            b.setBooleanValue(v);
        } else if (value instanceof Byte v) {
            b.setByteValue(v);
        } else if (value instanceof Short v) {
            b.setShortValue(v);
        } else if (value instanceof Character v) {
            b.setCharValue(v);
        } else if (value instanceof Integer v) {
            b.setIntValue(v);
        } else if (value instanceof Long v) {
            b.setLongValue(v);
        } else if (value instanceof Float v) {
            b.setFloatValue(v);
        } else if (value instanceof Double v) {
            b.setDoubleValue(v);
        } else if (value instanceof String v) {
            b.setStringValue(v);
        } else if (value instanceof byte[] v) {
            b.setBytesValue(ByteString.copyFrom(v));
        } else {
            throw new IllegalArgumentException("value: a " + value.getClass().getName()
                    + " (expected: a boxed primitive, String, byte[] or null)");
        }
        return b.build();
    }

    static Object decode(TypedValue value, String what) throws MessageFormatException {
        try {
            return TypedValueReader.read(value, what);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException(e.getMessage());
        }
    }
}
