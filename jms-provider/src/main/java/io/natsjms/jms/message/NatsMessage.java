package io.natsjms.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;

/**
 * A JMS message of this provider, and the plain {@link Message} without a body. The five body types
 * extend it. Headers are always settable (the provider sets them on send and receive); properties and
 * body become read-only when the message is received ({@link #markReceived()}) until
 * {@link #clearProperties()} / {@link #clearBody()}.
 *
 * <p>Instances are not thread-safe, as JMS messages are used by one thread at a time.
 */
public class NatsMessage implements Message {

    private String messageId;
    private long timestamp;
    /** A String, a byte[] (kept private, copied in and out), or null. */
    private Object correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    private final MessageProperties properties = new MessageProperties();
    /** Whether the body is read-only (set on receive, cleared by clearBody). */
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;
    /** The sending connection's ID, carried for noLocal; provider use. */
    private String origin;

    /** Creates an empty, writable message. */
    public NatsMessage() {
    }

    // ---- headers ----

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The correlation id as bytes: the bytes set, or the UTF-8 bytes of the String set, or null. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationId instanceof byte[] bytes) {
            return bytes.clone();
        }
        return correlationId == null ? null : ((String) correlationId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationId = correlationID == null ? null : correlationID.clone();
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
    }

    /** The correlation id as a String: the String set, or the bytes set decoded as UTF-8, or null. */
    @Override
    public String getJMSCorrelationID() {
        if (correlationId instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return (String) correlationId;
    }

    /** Whether the correlation id was set as bytes (it then travels as bytes). */
    boolean correlationIdIsBytes() {
        return correlationId instanceof byte[];
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties ----

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(properties.get(name), property(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(properties.get(name), property(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(properties.get(name), property(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(properties.get(name), property(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(properties.get(name), property(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(properties.get(name), property(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(properties.get(name), property(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toStringValue(properties.get(name), property(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /**
     * Sets a property from a Boolean, Byte, Short, Integer, Long, Float, Double or String (or null).
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    /** The client properties in insertion order, for the codec and the selector. */
    Map<String, Object> propertyMap() {
        return properties.asMap();
    }

    MessageProperties properties() {
        return properties;
    }

    private static String property(String name) {
        return "property " + name;
    }

    // ---- delivery (provider side) ----

    /**
     * The provider-set {@code JMSXDeliveryCount}: 1 on the first delivery, 0 if never received.
     */
    public int deliveryCount() {
        return properties.deliveryCount();
    }

    /**
     * Provider use: sets {@code JMSXDeliveryCount} (and {@code JMSRedelivered} when above 1), for a
     * fresh delivery or a local redelivery after recover/rollback.
     *
     * @param count the delivery count (expected: >= 1)
     */
    public void setDeliveryCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("deliveryCount: " + count + " (expected: >= 1)");
        }
        properties.setDeliveryCount(count);
        if (count > 1) {
            redelivered = true;
        }
    }

    /**
     * Provider use: makes properties and body read-only, as for a message handed to a consumer, and
     * puts Bytes/Stream bodies in read mode at their start.
     */
    public void markReceived() {
        properties.setReadOnly(true);
        bodyReadOnly = true;
        onReceived();
    }

    /** Provider use: the ID of the connection that sent this message, or null when unknown. */
    public String origin() {
        return origin;
    }

    /** Provider use: see {@link #origin()}. */
    public void setOrigin(String origin) {
        this.origin = origin;
    }

    /** Provider use: the callback {@link #acknowledge()} delegates to; null for messages never received. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Delegates to the session's {@link Acknowledger}; does nothing for a message that was not received. */
    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge(this);
        }
    }

    // ---- body ----

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
        onClearBody();
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!isBodyAssignableTo(c)) {
            throw new MessageFormatException("body of " + getClass().getSimpleName() + ": not assignable to "
                    + c.getName() + " (expected: " + expectedBodyType() + ")");
        }
        return hasNoBody() ? null : c.cast(bodyValue());
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) throws JMSException {
        if (hasNoBody()) {
            return true;
        }
        return bodyAssignableTo(c);
    }

    /** Whether the body is read-only. */
    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    /** Makes the body read-only (Bytes/Stream reset()). */
    final void markBodyReadOnly() {
        bodyReadOnly = true;
    }

    /** Throws unless the body may be written. */
    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException(getClass().getSimpleName()
                    + ": the body is read-only (expected: a message being sent, or clearBody() first)");
        }
    }

    /** Whether the message has no body (getBody then returns null for any class). */
    boolean hasNoBody() {
        return true;
    }

    /** The body as a value for getBody; called only when {@link #hasNoBody()} is false. */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** Whether a body exists and is assignable to {@code c}. */
    boolean bodyAssignableTo(Class<?> c) throws JMSException {
        return false;
    }

    /** The body type named in getBody errors. */
    String expectedBodyType() {
        return "any type, the message has no body";
    }

    /** Hook for clearBody: empty the body and make it writable. */
    void onClearBody() throws JMSException {
    }

    /** Hook for markReceived: prepare the body for reading. */
    void onReceived() {
    }
}
