package io.natsjms.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

/** A message whose body is one String (possibly null). */
public class NatsTextMessage extends NatsMessage implements TextMessage {

    private String text;

    /** Creates a text message with a null body. */
    public NatsTextMessage() {
    }

    /** Creates a text message with the given body. */
    public NatsTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String string) throws JMSException {
        checkBodyWritable();
        this.text = string;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    boolean hasNoBody() {
        return text == null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c.isAssignableFrom(String.class);
    }

    @Override
    String expectedBodyType() {
        return "String or a supertype";
    }

    @Override
    void onClearBody() {
        text = null;
    }
}
