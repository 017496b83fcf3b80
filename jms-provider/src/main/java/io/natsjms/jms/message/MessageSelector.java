package io.natsjms.jms.message;

import io.natsjms.protocol.envelope.Selector;
import io.natsjms.protocol.envelope.SelectorIdentifiers;
import jakarta.jms.InvalidSelectorException;
import java.util.Objects;

/**
 * A compiled JMS message selector (JMS 3.1 §3.8) on provider messages: the shared {@link Selector}
 * (Apache Artemis' parser; identifiers mean what {@link SelectorIdentifiers} says), which the server
 * also evaluates queue consumers' selectors with. A selector whose value is unknown
 * (NULL) does not match. Immutable and thread-safe.
 */
public final class MessageSelector {

    private static final MessageSelector MATCH_ALL = new MessageSelector(Selector.compile(null));

    private final Selector selector;

    private MessageSelector(Selector selector) {
        this.selector = selector;
    }

    /**
     * Compiles {@code selector}; null or blank selects every message.
     *
     * @throws InvalidSelectorException naming the selector when its syntax is invalid
     */
    public static MessageSelector compile(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return MATCH_ALL;
        }
        try {
            return new MessageSelector(Selector.compile(selector));
        } catch (IllegalArgumentException e) {
            InvalidSelectorException failure = new InvalidSelectorException("selector: \"" + selector
                    + "\" (expected: a valid JMS message selector; " + e.getMessage() + ")");
            failure.initCause(e.getCause());
            throw failure;
        }
    }

    /** The selector text, or null when every message is selected. */
    public String text() {
        return selector.text();
    }

    /** Whether every message is selected. */
    public boolean selectsAll() {
        return selector.selectsAll();
    }

    /** Whether {@code message} is selected; an evaluation error counts as not selected. */
    public boolean matches(NatsMessage message) {
        return selector.selectsAll() || selector.matches(new MessageView(message), new MessageName(message));
    }

    @Override
    public String toString() {
        return selector.selectsAll() ? "MessageSelector[all]" : "MessageSelector[" + selector.text() + "]";
    }

    /** Names a message in the selector's debug line, built only when it is logged. */
    private record MessageName(NatsMessage message) {
        @Override
        public String toString() {
            return "message " + message.getJMSMessageID();
        }
    }

    /** A provider message as the selector sees it. */
    private static final class MessageView implements SelectorIdentifiers.Source {
        private final NatsMessage message;

        MessageView(NatsMessage message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public int deliveryMode() {
            return message.getJMSDeliveryMode();
        }

        @Override
        public int priority() {
            return message.getJMSPriority();
        }

        @Override
        public String messageId() {
            return message.getJMSMessageID();
        }

        @Override
        public long timestamp() {
            return message.getJMSTimestamp();
        }

        @Override
        public String correlationId() {
            return message.getJMSCorrelationID();
        }

        @Override
        public String type() {
            return message.getJMSType();
        }

        @Override
        public Object property(String name) {
            return message.getObjectProperty(name);
        }
    }
}
