package io.natsjms.jms.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.protocol.envelope.BodyType;
import io.natsjms.protocol.envelope.DestinationKind;
import io.natsjms.protocol.envelope.DestinationRef;
import io.natsjms.protocol.envelope.Envelope;
import io.natsjms.protocol.envelope.Headers;
import io.natsjms.protocol.envelope.MapBody;
import io.natsjms.protocol.envelope.NamedValue;
import io.natsjms.protocol.envelope.StreamBody;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;

/**
 * {@link NatsMessage} → {@link Envelope}. Bytes and object bodies are wrapped, not copied: a bytes
 * message hands out a fresh copy of its body, and an object message replaces (never changes) its
 * serialized array when its object is set.
 */
final class EnvelopeEncoder {

    private EnvelopeEncoder() {
    }

    static Envelope encode(NatsMessage message, String origin) throws JMSException {
        Envelope.Builder envelope = Envelope.newBuilder()
                .setHeaders(headers(message));
        if (origin != null) {
            envelope.setOrigin(origin);
        }
        message.propertyMap().forEach((name, value) -> envelope.addProperties(
                NamedValue.newBuilder().setName(name).setValue(TypedValues.encode(value))));
        if (message instanceof NatsTextMessage text) {
            envelope.setBodyType(BodyType.BODY_TYPE_TEXT);
            if (text.getText() != null) {
                envelope.setText(text.getText());
            }
        } else if (message instanceof NatsBytesMessage bytes) {
            envelope.setBodyType(BodyType.BODY_TYPE_BYTES).setBytes(UnsafeByteOperations.unsafeWrap(bytes.bodyBytes()));
        } else if (message instanceof NatsMapMessage map) {
            MapBody.Builder body = MapBody.newBuilder();
            map.entries().forEach((name, value) -> body.addEntries(
                    NamedValue.newBuilder().setName(name).setValue(TypedValues.encode(value))));
            envelope.setBodyType(BodyType.BODY_TYPE_MAP).setMap(body);
        } else if (message instanceof NatsStreamMessage stream) {
            StreamBody.Builder body = StreamBody.newBuilder();
            stream.items().forEach(item -> body.addItems(TypedValues.encode(item)));
            envelope.setBodyType(BodyType.BODY_TYPE_STREAM).setStream(body);
        } else if (message instanceof NatsObjectMessage object) {
            envelope.setBodyType(BodyType.BODY_TYPE_OBJECT);
            if (object.serializedBody() != null) {
                envelope.setBytes(UnsafeByteOperations.unsafeWrap(object.serializedBody()));
            }
        } else {
            envelope.setBodyType(BodyType.BODY_TYPE_MESSAGE);
        }
        return envelope.build();
    }

    private static Headers headers(NatsMessage message) throws JMSException {
        Headers.Builder headers = Headers.newBuilder()
                .setDeliveryMode(message.getJMSDeliveryMode())
                .setPriority(message.getJMSPriority())
                .setExpiration(message.getJMSExpiration())
                .setDeliveryTime(message.getJMSDeliveryTime())
                .setTimestamp(message.getJMSTimestamp());
        if (message.getJMSMessageID() != null) {
            headers.setMessageId(message.getJMSMessageID());
        }
        if (message.getJMSType() != null) {
            headers.setType(message.getJMSType());
        }
        if (message.correlationIdIsBytes()) {
            headers.setCorrelationIdBinary(ByteString.copyFrom(message.getJMSCorrelationIDAsBytes()));
        } else if (message.getJMSCorrelationID() != null) {
            headers.setCorrelationIdText(message.getJMSCorrelationID());
        }
        if (message.getJMSDestination() != null) {
            headers.setDestination(reference(message.getJMSDestination()));
        }
        if (message.getJMSReplyTo() != null) {
            headers.setReplyTo(reference(message.getJMSReplyTo()));
        }
        return headers.build();
    }

    static DestinationRef reference(Destination destination) throws JMSException {
        NatsDestination stan = NatsDestination.from(destination);
        DestinationKind kind = stan.isTemporary()
                ? (stan.isQueue() ? DestinationKind.DESTINATION_KIND_TEMPORARY_QUEUE
                        : DestinationKind.DESTINATION_KIND_TEMPORARY_TOPIC)
                : (stan.isQueue() ? DestinationKind.DESTINATION_KIND_QUEUE : DestinationKind.DESTINATION_KIND_TOPIC);
        return DestinationRef.newBuilder().setKind(kind).setName(stan.name()).build();
    }
}
