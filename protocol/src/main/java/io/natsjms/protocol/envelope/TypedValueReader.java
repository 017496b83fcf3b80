package io.natsjms.protocol.envelope;

/** An envelope {@link TypedValue} as the Java value it was written from, with its exact type. */
public final class TypedValueReader {

    private TypedValueReader() {
    }

    /**
     * The value: {@code null}, a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String or
     * a fresh {@code byte[]}.
     *
     * @param what names the value in the error, e.g. {@code property color}
     * @throws IllegalArgumentException naming {@code what} when the typed value holds no value
     */
    public static Object read(TypedValue value, String what) {
        return switch (value.getValueCase()) {
            case NULL_VALUE -> null;
            case BOOLEAN_VALUE -> value.getBooleanValue();
            case BYTE_VALUE -> (byte) value.getByteValue();
            case SHORT_VALUE -> (short) value.getShortValue();
            case CHAR_VALUE -> (char) value.getCharValue();
            case INT_VALUE -> value.getIntValue();
            case LONG_VALUE -> value.getLongValue();
            case FLOAT_VALUE -> value.getFloatValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> value.getStringValue();
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            case VALUE_NOT_SET -> throw new IllegalArgumentException(what + ": no value in the envelope"
                    + " (expected: one typed value)");
        };
    }
}
