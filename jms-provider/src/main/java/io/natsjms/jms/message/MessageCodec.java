package io.natsjms.jms.message;

import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.envelope.Envelope;
import io.natsjms.protocol.envelope.EnvelopeFormat;
import io.natsjms.stan.CoreMessage;
import io.natsjms.stan.StanMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns JMS messages into STAN payloads and back.
 *
 * <p>{@link #encode} writes the envelope (magic, version, protobuf: headers, typed properties, body).
 * {@link #encodeRawBody} writes only the body bytes, for channels read by plain (non-JMS) STAN
 * subscribers: headers and properties are then lost, and a JMS consumer receives such a payload as a
 * plain message like any other non-envelope payload. {@link #decode} reads either form: a payload that
 * is not an envelope becomes a BytesMessage, or a TextMessage (UTF-8) when
 * {@link CodecOptions#nonEnvelopeAsText()} is set.
 *
 * <p>Thread-safe; one instance per consumer configuration.
 */
public final class MessageCodec {

    private final CodecOptions options;

    /** A codec decoding with {@code options}. */
    public MessageCodec(CodecOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The envelope payload of {@code message}. The producer sets JMSDestination, JMSMessageID
     * ({@code "ID:" + publish guid}, or null when disabled) and JMSTimestamp (0 when disabled) first.
     *
     * @throws JMSException when a header (e.g. a foreign JMSReplyTo) cannot be represented
     */
    public byte[] encode(NatsMessage message) throws JMSException {
        return encode(message, null);
    }

    /**
     * Like {@link #encode(NatsMessage)}, recording {@code origin} (the sending connection's ID) so that
     * noLocal consumers of that connection can skip the message.
     */
    public byte[] encode(NatsMessage message, String origin) throws JMSException {
        return EnvelopeFormat.frame(EnvelopeEncoder.encode(message, origin));
    }

    /**
     * Only the body bytes: UTF-8 text (empty for null), the bytes of a BytesMessage, the Java-serialized
     * object of an ObjectMessage, nothing for a plain Message.
     *
     * @throws MessageFormatException for MapMessage and StreamMessage, which have no raw form
     */
    public byte[] encodeRawBody(NatsMessage message) throws JMSException {
        if (message instanceof NatsTextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof NatsBytesMessage bytes) {
            return bytes.bodyBytes();
        }
        if (message instanceof NatsObjectMessage object) {
            return object.serializedBody() == null ? new byte[0] : object.serializedBody();
        }
        if (message instanceof NatsMapMessage || message instanceof NatsStreamMessage) {
            throw new MessageFormatException("raw body: a " + message.getClass().getSimpleName()
                    + " has no raw form (expected: a Text, Bytes, Object or plain message)");
        }
        return new byte[0];
    }

    /**
     * The received message for a STAN delivery: read-only properties and body, Bytes/Stream bodies in
     * read mode, JMSRedelivered and JMSXDeliveryCount from the delivery's redelivered flag and count.
     * JMSMessageID and JMSTimestamp are those the producer put in the envelope; for a non-envelope
     * payload they are {@code "ID:STAN:" + channel + ":" + sequence} and the STAN timestamp (ns → ms),
     * and JMSDestination is the topic of the channel. The envelope is read where it arrived, without
     * copying the payload.
     *
     * @throws MessageFormatException when an envelope holds values that are invalid here
     */
    public NatsMessage decode(StanMessage delivered) throws JMSException {
        return received(decodeFirst(delivered), delivered.redelivered() || delivered.redeliveryCount() > 0,
                delivered.redeliveryCount());
    }

    /**
     * {@link #decode(StanMessage)} of a browsed message, which is never redelivered (browsing does not
     * deliver it).
     */
    public NatsMessage decodeBrowsed(StanMessage browsed) throws JMSException {
        return received(decodeFirst(browsed), false, 0);
    }

    /**
     * The received message of a temporary destination (plain core NATS: no sequence, no redelivery),
     * as {@link #decode(StanMessage)}; a non-envelope payload gets sequence 0, the subject as channel
     * and now as its timestamp.
     */
    public NatsMessage decode(CoreMessage delivered) throws JMSException {
        Envelope envelope = EnvelopeFormat.unframe(delivered.data());
        NatsMessage message = envelope != null ? EnvelopeDecoder.decode(envelope)
                : plain(delivered.data(), delivered.subject(), 0, System.currentTimeMillis());
        return received(message, false, 0);
    }

    private NatsMessage decodeFirst(StanMessage delivered) throws JMSException {
        Envelope envelope = EnvelopeFormat.unframe(delivered.payload());
        return envelope != null ? EnvelopeDecoder.decode(envelope)
                : plain(delivered.data(), delivered.channel(), delivered.sequence(),
                        delivered.timestampNanos() / 1_000_000L);
    }

    private NatsMessage received(NatsMessage message, boolean redelivered, int redeliveryCount) {
        if (message instanceof NatsObjectMessage object) {
            object.setClassAllowList(options.classAllowList());
        }
        message.setDeliveryCount(redeliveryCount + 1);
        message.setJMSRedelivered(redelivered);
        message.markReceived();
        return message;
    }

    /** The message of a payload that is not an envelope; {@code data} becomes its body as it is. */
    private NatsMessage plain(byte[] data, String channel, long sequence, long timestampMillis)
            throws JMSException {
        NatsMessage message;
        if (options.nonEnvelopeAsText()) {
            message = new NatsTextMessage(new String(data, StandardCharsets.UTF_8));
        } else {
            NatsBytesMessage bytes = new NatsBytesMessage();
            bytes.setReceivedBody(data);
            message = bytes;
        }
        message.setJMSMessageID("ID:STAN:" + channel + ":" + sequence);
        message.setJMSTimestamp(timestampMillis);
        if (ChannelNames.isValid(channel)) {
            message.setJMSDestination(new NatsChannelTopic(channel));
        }
        return message;
    }

    /**
     * This provider's copy of a message of another JMS provider (headers, properties and body), to
     * send it; a {@link NatsMessage} is returned as is. Reading the body of a foreign Bytes or Stream
     * message resets it.
     *
     * @throws JMSException when the foreign message cannot be read or holds values invalid here
     */
    public static NatsMessage copyOf(Message foreign) throws JMSException {
        if (foreign instanceof NatsMessage stan) {
            return stan;
        }
        return ForeignMessages.copy(foreign);
    }
}
