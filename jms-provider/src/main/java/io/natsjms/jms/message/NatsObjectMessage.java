package io.natsjms.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;

/**
 * A message whose body is one serializable object. The object is serialized when set (later changes to
 * it do not affect the message) and deserialized on each {@link #getObject()}, only to classes the
 * message's {@link ClassAllowList} allows.
 */
public class NatsObjectMessage extends NatsMessage implements ObjectMessage {

    private byte[] serialized;
    private ClassAllowList allowList = ClassAllowList.defaults();

    /** Creates an object message with a null body. */
    public NatsObjectMessage() {
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : ObjectBodies.serialize(object);
    }

    /**
     * Deserializes the body.
     *
     * @throws MessageFormatException naming the class when the allow-list refuses it, or when
     *         deserialization fails
     */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : ObjectBodies.deserialize(serialized, allowList);
    }

    /** Provider use: the allow-list applied by {@link #getObject()} (the consumer's configuration). */
    public void setClassAllowList(ClassAllowList allowList) {
        this.allowList = java.util.Objects.requireNonNull(allowList, "allowList");
    }

    /** The serialized body, or null. */
    byte[] serializedBody() {
        return serialized;
    }

    void setSerializedBody(byte[] serialized) {
        this.serialized = serialized;
    }

    /** Like the base rule, but a refused or broken body reports why (naming the refused class). */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw new MessageFormatException("body of NatsObjectMessage: a " + object.getClass().getName()
                    + " is not assignable to " + c.getName() + " (expected: " + expectedBodyType() + ")");
        }
        return c.cast(object);
    }

    @Override
    boolean hasNoBody() {
        return serialized == null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    /** False when the body cannot be deserialized (JMS 3.1 javadoc of isBodyAssignableTo). */
    @Override
    boolean bodyAssignableTo(Class<?> c) {
        try {
            return c.isInstance(getObject());
        } catch (JMSException e) {
            return false;
        }
    }

    @Override
    String expectedBodyType() {
        return "a supertype of the deserialized object";
    }

    @Override
    void onClearBody() {
        serialized = null;
    }
}
