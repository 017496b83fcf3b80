package io.natsjms.jms.message;

import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsTemporaryQueue;
import io.natsjms.jms.destination.NatsTemporaryTopic;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.protocol.envelope.DestinationRef;
import io.natsjms.protocol.envelope.Envelope;
import io.natsjms.protocol.envelope.Headers;
import io.natsjms.protocol.envelope.NamedValue;
import io.natsjms.protocol.envelope.TypedValue;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/** {@link Envelope} → a fresh {@link NatsMessage} (headers, properties, body; no delivery info yet). */
final class EnvelopeDecoder {

    private EnvelopeDecoder() {
    }

    static NatsMessage decode(Envelope envelope) throws JMSException {
        NatsMessage message = body(envelope);
        headers(envelope.getHeaders(), message);
        message.setOrigin(envelope.getOrigin().isEmpty() ? null : envelope.getOrigin());
        for (NamedValue property : envelope.getPropertiesList()) {
            message.properties().putDecoded(property.getName(),
                    TypedValues.decode(property.getValue(), "property " + property.getName()));
        }
        return message;
    }

    private static NatsMessage body(Envelope envelope) throws JMSException {
        switch (envelope.getBodyType()) {
            case BODY_TYPE_TEXT:
                return new NatsTextMessage(envelope.hasText() ? envelope.getText() : null);
            case BODY_TYPE_BYTES: {
                NatsBytesMessage bytes = new NatsBytesMessage();
                bytes.setReceivedBody(envelope.getBytes().toByteArray());
                return bytes;
            }
            case BODY_TYPE_MAP: {
                NatsMapMessage map = new NatsMapMessage();
                for (NamedValue entry : envelope.getMap().getEntriesList()) {
                    map.putDecoded(entry.getName(), TypedValues.decode(entry.getValue(), "map entry " + entry.getName()));
                }
                return map;
            }
            case BODY_TYPE_STREAM: {
                NatsStreamMessage stream = new NatsStreamMessage();
                int index = 0;
                for (TypedValue item : envelope.getStream().getItemsList()) {
                    stream.addDecoded(TypedValues.decode(item, "stream item " + index++));
                }
                return stream;
            }
            case BODY_TYPE_OBJECT: {
                NatsObjectMessage object = new NatsObjectMessage();
                object.setSerializedBody(envelope.hasBytes() ? envelope.getBytes().toByteArray() : null);
                return object;
            }
            case BODY_TYPE_MESSAGE:
                return new NatsMessage();
            default:
                throw new MessageFormatException("envelope body type: " + envelope.getBodyType()
                        + " (expected: MESSAGE, TEXT, BYTES, MAP, STREAM or OBJECT)");
        }
    }

    private static void headers(Headers headers, NatsMessage message) throws JMSException {
        message.setJMSDeliveryMode(headers.getDeliveryMode());
        message.setJMSPriority(headers.getPriority());
        message.setJMSExpiration(headers.getExpiration());
        message.setJMSDeliveryTime(headers.getDeliveryTime());
        message.setJMSTimestamp(headers.getTimestamp());
        message.setJMSMessageID(headers.getMessageId().isEmpty() ? null : headers.getMessageId());
        message.setJMSType(headers.getType().isEmpty() ? null : headers.getType());
        switch (headers.getCorrelationCase()) {
            case CORRELATION_ID_TEXT -> message.setJMSCorrelationID(headers.getCorrelationIdText());
            case CORRELATION_ID_BINARY -> message.setJMSCorrelationIDAsBytes(headers.getCorrelationIdBinary().toByteArray());
            default -> message.setJMSCorrelationID(null);
        }
        if (headers.hasDestination()) {
            message.setJMSDestination(destination(headers.getDestination()));
        }
        if (headers.hasReplyTo()) {
            message.setJMSReplyTo(destination(headers.getReplyTo()));
        }
    }

    private static NatsDestination destination(DestinationRef ref) throws JMSException {
        return switch (ref.getKind()) {
            case DESTINATION_KIND_TOPIC -> new NatsChannelTopic(ref.getName());
            case DESTINATION_KIND_QUEUE -> new NatsChannelQueue(ref.getName());
            case DESTINATION_KIND_TEMPORARY_TOPIC -> new NatsTemporaryTopic(ref.getName(), null);
            case DESTINATION_KIND_TEMPORARY_QUEUE -> new NatsTemporaryQueue(ref.getName(), null);
            default -> throw new MessageFormatException("envelope destination kind: " + ref.getKind()
                    + " for \"" + ref.getName() + "\" (expected: TOPIC, QUEUE, TEMPORARY_TOPIC or TEMPORARY_QUEUE)");
        };
    }
}
