package io.natsjms.jms;

import io.natsjms.jms.message.NatsMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The message properties a JMSProducer puts on every message it sends. They live in a scratch
 * {@link NatsMessage}, so names, types and conversions follow exactly the rules of a message's properties.
 */
final class JmsProducerProperties {

    /** Never sent: only its properties are used. */
    private final NatsMessage values = new NatsMessage();

    /**
     * Sets a property.
     *
     * @throws IllegalArgumentException for an invalid name
     * @throws jakarta.jms.MessageFormatRuntimeException for a value of another type than the property types
     */
    void set(String name, Object value) {
        ContextCall.run(() -> values.setObjectProperty(name, value));
    }

    boolean exists(String name) {
        return values.propertyExists(name);
    }

    boolean getBoolean(String name) {
        return ContextCall.get(() -> values.getBooleanProperty(name));
    }

    byte getByte(String name) {
        return ContextCall.get(() -> values.getByteProperty(name));
    }

    short getShort(String name) {
        return ContextCall.get(() -> values.getShortProperty(name));
    }

    int getInt(String name) {
        return ContextCall.get(() -> values.getIntProperty(name));
    }

    long getLong(String name) {
        return ContextCall.get(() -> values.getLongProperty(name));
    }

    float getFloat(String name) {
        return ContextCall.get(() -> values.getFloatProperty(name));
    }

    double getDouble(String name) {
        return ContextCall.get(() -> values.getDoubleProperty(name));
    }

    String getString(String name) {
        return ContextCall.get(() -> values.getStringProperty(name));
    }

    Object getObject(String name) {
        return values.getObjectProperty(name);
    }

    /** The names set, in the order they were first set; unmodifiable. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<String> e = values.getPropertyNames();
        while (e.hasMoreElements()) {
            names.add(e.nextElement());
        }
        return Collections.unmodifiableSet(names);
    }

    void clear() {
        values.clearProperties();
    }

    /** Sets every property on {@code message}. */
    void applyTo(Message message) throws JMSException {
        Enumeration<String> e = values.getPropertyNames();
        while (e.hasMoreElements()) {
            String name = e.nextElement();
            message.setObjectProperty(name, values.getObjectProperty(name));
        }
    }
}
