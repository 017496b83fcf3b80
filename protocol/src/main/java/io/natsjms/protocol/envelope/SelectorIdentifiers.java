package io.natsjms.protocol.envelope;

import java.nio.charset.StandardCharsets;

/**
 * What a JMS message selector's identifiers (JMS 3.1 §3.8.1.1) stand for: the header names
 * JMSDeliveryMode (as {@code 'PERSISTENT'} / {@code 'NON_PERSISTENT'}), JMSPriority, JMSMessageID,
 * JMSTimestamp, JMSCorrelationID and JMSType, and otherwise a property, JMSXDeliveryCount included.
 * The one place this mapping is written: the JMS provider evaluates selectors on its messages with it,
 * the server evaluates queue consumers' selectors on stored payloads with it ({@link #of}), so both
 * always agree on what a selector selects.
 */
public final class SelectorIdentifiers {

    /** JMS {@code DeliveryMode.PERSISTENT}. */
    public static final int PERSISTENT = 2;
    /** The provider-set delivery count property. */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private SelectorIdentifiers() {
    }

    /** The values a selector can ask of one message. */
    public interface Source {
        int deliveryMode();

        int priority();

        /** The JMSMessageID, or null. */
        String messageId();

        long timestamp();

        /** The correlation ID as a String (bytes decoded as UTF-8), or null. */
        String correlationId();

        /** The JMSType, or null. */
        String type();

        /** The property's value, or null when the message has none of that name. */
        Object property(String name);
    }

    /** The value of {@code identifier} in {@code source}; null when the message has none. */
    public static Object value(String identifier, Source source) {
        return switch (identifier) {
            case "JMSDeliveryMode" -> source.deliveryMode() == PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority" -> source.priority();
            case "JMSMessageID" -> source.messageId();
            case "JMSTimestamp" -> source.timestamp();
            case "JMSCorrelationID" -> source.correlationId();
            case "JMSType" -> source.type();
            default -> source.property(identifier);
        };
    }

    /**
     * The selector's view of a stored STAN message as the provider delivers it: the envelope's headers
     * and properties or, for a payload that is not an envelope, the values the provider gives such a
     * message ({@code ID:STAN:<channel>:<sequence>}, the STAN timestamp in ms, PERSISTENT, priority 4,
     * no properties).
     *
     * @param deliveryCount the JMSXDeliveryCount the delivery would carry (redeliveries + 1)
     */
    public static Source of(byte[] payload, String channel, long sequence, long timestampNanos, int deliveryCount) {
        Envelope envelope = EnvelopeFormat.unframe(payload);
        if (envelope == null) {
            return new Foreign("ID:STAN:" + channel + ":" + sequence, timestampNanos / 1_000_000, deliveryCount);
        }
        return new Enveloped(envelope, deliveryCount);
    }

    private record Enveloped(Envelope envelope, int deliveryCount) implements Source {
        @Override
        public int deliveryMode() {
            return envelope.getHeaders().getDeliveryMode();
        }

        @Override
        public int priority() {
            return envelope.getHeaders().getPriority();
        }

        @Override
        public String messageId() {
            return emptyAsNull(envelope.getHeaders().getMessageId());
        }

        @Override
        public long timestamp() {
            return envelope.getHeaders().getTimestamp();
        }

        @Override
        public String correlationId() {
            Headers headers = envelope.getHeaders();
            return switch (headers.getCorrelationCase()) {
                case CORRELATION_ID_TEXT -> headers.getCorrelationIdText();
                case CORRELATION_ID_BINARY -> headers.getCorrelationIdBinary().toString(StandardCharsets.UTF_8);
                default -> null;
            };
        }

        @Override
        public String type() {
            return emptyAsNull(envelope.getHeaders().getType());
        }

        @Override
        public Object property(String name) {
            if (JMSX_DELIVERY_COUNT.equals(name) && deliveryCount > 0) {
                return deliveryCount;
            }
            for (NamedValue property : envelope.getPropertiesList()) {
                if (property.getName().equals(name)) {
                    return TypedValueReader.read(property.getValue(), "property " + name);
                }
            }
            return null;
        }

        private static String emptyAsNull(String value) {
            return value.isEmpty() ? null : value;
        }
    }

    private record Foreign(String messageId, long timestamp, int deliveryCount) implements Source {
        @Override
        public int deliveryMode() {
            return PERSISTENT;
        }

        @Override
        public int priority() {
            return 4;
        }

        @Override
        public String correlationId() {
            return null;
        }

        @Override
        public String type() {
            return null;
        }

        @Override
        public Object property(String name) {
            return JMSX_DELIVERY_COUNT.equals(name) && deliveryCount > 0 ? deliveryCount : null;
        }
    }
}
