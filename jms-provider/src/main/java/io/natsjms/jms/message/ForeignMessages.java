package io.natsjms.jms.message;

import io.natsjms.jms.destination.NatsDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/** Copies messages of other JMS providers into this provider's classes. */
final class ForeignMessages {

    private ForeignMessages() {
    }

    static NatsMessage copy(Message foreign) throws JMSException {
        NatsMessage copy = copyBody(foreign);
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSReplyTo(NatsDestination.from(foreign.getJMSReplyTo()));
        copy.setJMSDestination(NatsDestination.from(foreign.getJMSDestination()));
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSPriority(foreign.getJMSPriority());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!PropertyNames.JMSX_DELIVERY_COUNT.equals(name)) {
                copy.setObjectProperty(name, foreign.getObjectProperty(name));
            }
        }
        return copy;
    }

    private static NatsMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new NatsTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            NatsBytesMessage copy = new NatsBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            NatsMapMessage copy = new NatsMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            stream.reset();
            NatsStreamMessage copy = new NatsStreamMessage();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException end) {
                stream.reset();
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            NatsObjectMessage copy = new NatsObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new NatsMessage();
    }
}
