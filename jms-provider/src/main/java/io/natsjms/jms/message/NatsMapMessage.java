package io.natsjms.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body is a set of named values of the primitive types, String and byte[], read
 * through the MapMessage conversion table (JMS 3.1 §3.11.3). Byte arrays are copied in and out.
 */
public class NatsMapMessage extends NatsMessage implements MapMessage {

    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** Creates an empty map message. */
    public NatsMapMessage() {
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(entries.get(name), entry(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(entries.get(name), entry(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(entries.get(name), entry(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(entries.get(name), entry(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(entries.get(name), entry(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(entries.get(name), entry(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(entries.get(name), entry(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(entries.get(name), entry(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toStringValue(entries.get(name), entry(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] bytes = ValueConversions.toBytes(entries.get(name), entry(name));
        return bytes == null ? null : bytes.clone();
    }

    /** The value as stored (byte[] copied), or null. */
    @Override
    public Object getObject(String name) {
        Object value = entries.get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(entries.keySet().stream().toList());
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        put(name, java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    /**
     * Sets a boxed primitive, String or byte[] (copied), or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (!TypedValues.isStreamOrMapType(value)) {
            throw new MessageFormatException("map entry " + name + ": a " + ValueConversions.typeName(value)
                    + " value (expected: a boxed primitive, String or byte[])");
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    /** The entries in insertion order (byte arrays not copied), for the codec. */
    Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** Adds a decoded entry without checks. */
    void putDecoded(String name, Object value) {
        entries.put(name, value);
    }

    private void put(String name, Object value) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("map entry name: " + (name == null ? "null" : "\"\"")
                    + " (expected: a non-empty name)");
        }
        checkBodyWritable();
        entries.put(name, value);
    }

    private static String entry(String name) {
        return "map entry " + name;
    }

    @Override
    boolean hasNoBody() {
        return entries.isEmpty();
    }

    /** A copy of the entries (byte arrays copied too). */
    @Override
    Object bodyValue() {
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((name, value) -> copy.put(name, value instanceof byte[] b ? b.clone() : value));
        return copy;
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c.isAssignableFrom(Map.class);
    }

    @Override
    String expectedBodyType() {
        return "java.util.Map or a supertype";
    }

    @Override
    void onClearBody() {
        entries.clear();
    }
}
