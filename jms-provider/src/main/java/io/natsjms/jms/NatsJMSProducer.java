package io.natsjms.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's {@link JMSProducer}: the send options, headers and properties to apply, and sends
 * through the anonymous classic {@link MessageProducer} of its {@link NatsJMSContext}. Every setter returns
 * this producer. The values are read at each send, so changing them affects later sends only.
 */
public final class NatsJMSProducer implements JMSProducer {

    private final NatsJMSContext context;
    private final JmsProducerProperties properties = new JmsProducerProperties();
    private final SendOptions options = new SendOptions();
    private CompletionListener completionListener;
    /** Whether a correlation ID was set (possibly null), to put on every message. */
    private boolean correlationIdSet;
    /** A String, a private byte[] copy, or null. */
    private Object correlationId;
    private String type;
    private Destination replyTo;

    NatsJMSProducer(NatsJMSContext context) {
        this.context = context;
    }

    // ---- sending ----

    /**
     * Sends {@code message} with this producer's options, after setting its headers and properties on it.
     *
     * @throws MessageFormatRuntimeException for a null message
     * @throws InvalidDestinationRuntimeException for a null destination
     */
    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("message: null (expected: a message to send)");
        }
        return sendCreated(destination, () -> message);
    }

    /** Sends a TextMessage with {@code body} (may be null). */
    @Override
    public JMSProducer send(Destination destination, String body) {
        return sendCreated(destination, () -> context.session().createTextMessage(body));
    }

    /** Sends a MapMessage with the entries of {@code body} (none if null). */
    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        return sendCreated(destination, () -> {
            MapMessage message = context.session().createMapMessage();
            if (body != null) {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            }
            return message;
        });
    }

    /** Sends a BytesMessage with {@code body} (empty if null). */
    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        return sendCreated(destination, () -> {
            BytesMessage message = context.session().createBytesMessage();
            if (body != null) {
                message.writeBytes(body);
            }
            return message;
        });
    }

    /** Sends an ObjectMessage with {@code body} (may be null). */
    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return sendCreated(destination, () -> context.session().createObjectMessage(body));
    }

    private JMSProducer sendCreated(Destination destination, ContextCall<Message> create) {
        context.checkOpen();
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("destination: null (expected: a queue or topic)");
        }
        CompletionListener listener = completionListener == null
                ? null : context.callbacks().guard(completionListener);
        ContextCall.run(() -> {
            Message message = create.call();
            applyTo(message);
            MessageProducer producer = context.messageProducer();
            producer.setDeliveryDelay(options.deliveryDelay());
            producer.setDisableMessageID(options.disableMessageId());
            producer.setDisableMessageTimestamp(options.disableTimestamp());
            if (listener == null) {
                producer.send(destination, message, options.deliveryMode(), options.priority(), options.timeToLive());
            } else {
                producer.send(destination, message, options.deliveryMode(), options.priority(), options.timeToLive(),
                        listener);
            }
        });
        return this;
    }

    private void applyTo(Message message) throws JMSException {
        properties.applyTo(message);
        if (correlationIdSet) {
            if (correlationId instanceof byte[] bytes) {
                message.setJMSCorrelationIDAsBytes(bytes);
            } else {
                message.setJMSCorrelationID((String) correlationId);
            }
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    // ---- send options ----

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        options.disableMessageId(value);
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return options.disableMessageId();
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        options.disableTimestamp(value);
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return options.disableTimestamp();
    }

    /** @throws JMSRuntimeException unless PERSISTENT or NON_PERSISTENT */
    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        ContextCall.run(() -> options.deliveryMode(deliveryMode));
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return options.deliveryMode();
    }

    /** @throws JMSRuntimeException unless 0 to 9 */
    @Override
    public JMSProducer setPriority(int priority) {
        ContextCall.run(() -> options.priority(priority));
        return this;
    }

    @Override
    public int getPriority() {
        return options.priority();
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        options.timeToLive(timeToLive);
        return this;
    }

    @Override
    public long getTimeToLive() {
        return options.timeToLive();
    }

    /** @throws JMSRuntimeException for a negative delay */
    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        ContextCall.run(() -> options.deliveryDelay(deliveryDelay));
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return options.deliveryDelay();
    }

    /** With a listener, sends return at once and the listener hears the outcome; null: synchronous sends. */
    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // ---- properties ----

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return property(name, value);
    }

    /** @throws MessageFormatRuntimeException unless a boxed property type, a String or null */
    @Override
    public JMSProducer setProperty(String name, Object value) {
        return property(name, value);
    }

    private JMSProducer property(String name, Object value) {
        properties.set(name, value);
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        properties.clear();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.getObject(name);
    }

    /** The names set, in the order they were first set; the set cannot be modified. */
    @Override
    public Set<String> getPropertyNames() {
        return properties.names();
    }

    // ---- headers ----

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationId = correlationID == null ? null : correlationID.clone();
        this.correlationIdSet = true;
        return this;
    }

    /** The bytes set, or the UTF-8 bytes of the String set, or null. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationId instanceof byte[] bytes) {
            return bytes.clone();
        }
        return correlationId == null ? null : ((String) correlationId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdSet = true;
        return this;
    }

    /** The String set, or the bytes set decoded as UTF-8, or null. */
    @Override
    public String getJMSCorrelationID() {
        if (correlationId instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return (String) correlationId;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
