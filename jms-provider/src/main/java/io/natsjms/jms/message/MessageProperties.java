package io.natsjms.jms.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The property part of a message: named values of the eight property types, with the read-only flag
 * and the provider-set {@code JMSXDeliveryCount}, which survives {@code clearProperties} and shadows
 * any value a client set under that name.
 */
final class MessageProperties {

    /** Insertion-ordered so that round trips keep the order; values are the exact Java types. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;
    /** The provider-set delivery count, 0 when the message was not received. */
    private int deliveryCount;

    void set(String name, Object value) throws MessageFormatException, MessageNotWriteableException {
        PropertyNames.requireValid(name);
        if (readOnly) {
            throw new MessageNotWriteableException("property " + name + ": the message properties are read-only"
                    + " (expected: a message being sent, or clearProperties() first)");
        }
        if (!isPropertyType(value)) {
            throw new MessageFormatException("property " + name + ": a " + ValueConversions.typeName(value)
                    + " value (expected: Boolean, Byte, Short, Integer, Long, Float, Double or String)");
        }
        values.put(name, value);
    }

    /** Stores a decoded value without the writability check (the codec fills a fresh message). */
    void putDecoded(String name, Object value) {
        values.put(name, value);
    }

    Object get(String name) {
        if (deliveryCount > 0 && PropertyNames.JMSX_DELIVERY_COUNT.equals(name)) {
            return deliveryCount;
        }
        return values.get(name);
    }

    boolean exists(String name) {
        return (deliveryCount > 0 && PropertyNames.JMSX_DELIVERY_COUNT.equals(name)) || values.containsKey(name);
    }

    Enumeration<String> names() {
        List<String> names = new ArrayList<>(values.keySet());
        if (deliveryCount > 0 && !values.containsKey(PropertyNames.JMSX_DELIVERY_COUNT)) {
            names.add(PropertyNames.JMSX_DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    /** The client-set properties, in insertion order (without the provider's delivery count). */
    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    void clear() {
        values.clear();
        readOnly = false;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    void setDeliveryCount(int deliveryCount) {
        this.deliveryCount = deliveryCount;
    }

    int deliveryCount() {
        return deliveryCount;
    }

    static boolean isPropertyType(Object value) {
        return value == null || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }
}
