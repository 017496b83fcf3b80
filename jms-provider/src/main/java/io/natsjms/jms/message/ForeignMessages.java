package io.natsjms.jms.message;

import io.natsjms.jms.destination.StanDestination;
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

    static StanMessage copy(Message foreign) throws JMSException {
        StanMessage copy = copyBody(foreign);
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSReplyTo(StanDestination.from(foreign.getJMSReplyTo()));
        copy.setJMSDestination(StanDestination.from(foreign.getJMSDestination()));
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

    private static StanMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new StanTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            StanBytesMessage copy = new StanBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            StanMapMessage copy = new StanMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            stream.reset();
            StanStreamMessage copy = new StanStreamMessage();
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
            StanObjectMessage copy = new StanObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new StanMessage();
    }
}
