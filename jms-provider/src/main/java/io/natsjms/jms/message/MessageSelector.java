package io.natsjms.jms.message;

import io.natsjms.protocol.envelope.SelectorIdentifiers;
import jakarta.jms.InvalidSelectorException;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.FilterException;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;

/**
 * A compiled JMS message selector (JMS 3.1 §3.8), parsed and evaluated by the Apache Artemis selector
 * library. Identifiers mean what {@link SelectorIdentifiers} says (the server evaluates queue
 * consumers' selectors with the same mapping). A selector whose value is unknown
 * (NULL) does not match. Immutable and thread-safe.
 */
public final class MessageSelector {

    private static final System.Logger LOG = System.getLogger(MessageSelector.class.getName());
    private static final MessageSelector MATCH_ALL = new MessageSelector(null, null);

    private final String text;
    private final BooleanExpression expression;

    private MessageSelector(String text, BooleanExpression expression) {
        this.text = text;
        this.expression = expression;
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
            return new MessageSelector(selector, SelectorParser.parse(selector));
        } catch (FilterException | RuntimeException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            InvalidSelectorException failure = new InvalidSelectorException("selector: \"" + selector
                    + "\" (expected: a valid JMS message selector; " + firstLine(reason) + ")");
            failure.initCause(e);
            throw failure;
        }
    }

    /** The selector text, or null when every message is selected. */
    public String text() {
        return text;
    }

    /** Whether every message is selected. */
    public boolean selectsAll() {
        return expression == null;
    }

    /** Whether {@code message} is selected; an evaluation error counts as not selected. */
    public boolean matches(NatsMessage message) {
        if (expression == null) {
            return true;
        }
        try {
            return expression.matches(new MessageView(message));
        } catch (FilterException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "selector \"" + text + "\" failed on message "
                    + message.getJMSMessageID() + "; not selected", e);
            return false;
        }
    }

    @Override
    public String toString() {
        return text == null ? "MessageSelector[all]" : "MessageSelector[" + text + "]";
    }

    private static String firstLine(String reason) {
        if (reason == null) {
            return "unparsable";
        }
        int newline = reason.indexOf('\n');
        return newline < 0 ? reason : reason.substring(0, newline);
    }

    /** The message as the selector library sees it: header identifiers, then properties. */
    private static final class MessageView implements Filterable, SelectorIdentifiers.Source {
        private final NatsMessage message;

        MessageView(NatsMessage message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public Object getProperty(SimpleString name) {
            return SelectorIdentifiers.value(name.toString(), this);
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

        /** XPath selectors on the body are not supported (they fail to parse without their XML stack). */
        @Override
        public <T> T getBodyAs(Class<T> type) throws FilterException {
            throw new FilterException("selectors on the message body are not supported");
        }

        @Override
        public Object getLocalConnectionId() {
            return null;
        }
    }
}
