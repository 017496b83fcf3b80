package io.natsjms.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS type conversion tables. Properties follow JMS 3.1 §3.5.4 (no {@code char}, no {@code byte[]});
 * MapMessage and StreamMessage values follow §3.11.3 (which adds {@code char} and {@code byte[]}).
 * A {@code null} value converts as the primitive's {@code valueOf((String) null)} does, so numeric
 * reads of {@code null} throw {@link NumberFormatException} (or {@link NullPointerException} for
 * float and double, as {@code Float.valueOf(null)} does) and boolean reads give {@code false}.
 * Strings convert through {@code valueOf}, so malformed numbers throw {@link NumberFormatException}.
 * Every other unsupported conversion throws {@link MessageFormatException}.
 */
final class ValueConversions {

    private ValueConversions() {
    }

    static boolean toBoolean(Object value, String what) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw unsupported(value, "boolean", what);
    }

    static byte toByte(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw unsupported(value, "byte", what);
    }

    static short toShort(Object value, String what) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw unsupported(value, "short", what);
    }

    static int toInt(Object value, String what) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw unsupported(value, "int", what);
    }

    static long toLong(Object value, String what) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw unsupported(value, "long", what);
    }

    static float toFloat(Object value, String what) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw unsupported(value, "float", what);
    }

    static double toDouble(Object value, String what) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw unsupported(value, "double", what);
    }

    /** char is a MapMessage/StreamMessage type only: char reads only a char; a null value is an NPE. */
    static char toChar(Object value, String what) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException(what + ": null (expected: a char value)");
        }
        throw unsupported(value, "char", what);
    }

    /** Every type but byte[] has a String form; null stays null. */
    static String toStringValue(Object value, String what) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[]) {
            throw unsupported(value, "String", what);
        }
        return value.toString();
    }

    /** byte[] reads only a byte[]; null stays null. The caller decides whether to copy. */
    static byte[] toBytes(Object value, String what) throws MessageFormatException {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        throw unsupported(value, "byte[]", what);
    }

    /** Name of the Java type of a stored value, for error messages. */
    static String typeName(Object value) {
        return value == null ? "null" : value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }

    private static MessageFormatException unsupported(Object value, String target, String what) {
        return new MessageFormatException(
                what + ": a " + typeName(value) + " value (expected: a type convertible to " + target + ")");
    }
}
