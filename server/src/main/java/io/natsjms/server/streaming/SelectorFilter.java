package io.natsjms.server.streaming;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.envelope.SelectorIdentifiers;
import io.natsjms.protocol.pb.MsgProto;
import java.lang.System.Logger.Level;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.FilterException;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;

/**
 * A queue member's JMS message selector, evaluated on stored messages as the JMS provider would
 * evaluate it on the delivered message: the same parser (Apache Artemis) and the same meaning of
 * identifiers ({@link SelectorIdentifiers}). A selector whose value is unknown, or whose evaluation
 * fails, does not select. Immutable.
 */
final class SelectorFilter {

    private static final System.Logger LOG = System.getLogger(SelectorFilter.class.getName());
    /** Selects every message (no selector). */
    static final SelectorFilter ALL = new SelectorFilter("", null);

    private final String text;
    private final BooleanExpression expression;

    private SelectorFilter(String text, BooleanExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Compiles {@code selector}; empty or blank selects every message.
     *
     * @throws RequestRejected with {@code natsjms: invalid selector: <reason>} when it does not parse
     */
    static SelectorFilter compile(String selector) throws RequestRejected {
        if (selector == null || selector.isBlank()) {
            return ALL;
        }
        try {
            return new SelectorFilter(selector, SelectorParser.parse(selector));
        } catch (FilterException | RuntimeException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new RequestRejected(Extensions.INVALID_SELECTOR + ": \"" + selector + "\" (" + firstLine(reason) + ")");
        }
    }

    /** The selector text; empty when every message is selected. */
    String text() {
        return text;
    }

    boolean selectsAll() {
        return expression == null;
    }

    /** Whether the selector selects {@code msg} delivered with {@code deliveryCount} (JMSXDeliveryCount). */
    boolean selects(MsgProto msg, int deliveryCount) {
        if (expression == null) {
            return true;
        }
        SelectorIdentifiers.Source source = SelectorIdentifiers.of(msg.getData().toByteArray(), msg.getSubject(),
                msg.getSequence(), msg.getTimestamp(), deliveryCount);
        try {
            return expression.matches(new View(source));
        } catch (FilterException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "selector \"" + text + "\" failed on message " + msg.getSequence()
                    + " of channel \"" + msg.getSubject() + "\"; not selected: " + e);
            return false;
        }
    }

    @Override
    public String toString() {
        return expression == null ? "all messages" : "selector \"" + text + "\"";
    }

    private static String firstLine(String reason) {
        if (reason == null) {
            return "unparsable";
        }
        int newline = reason.indexOf('\n');
        return newline < 0 ? reason : reason.substring(0, newline);
    }

    /** A stored message as the selector library sees it. */
    private record View(SelectorIdentifiers.Source source) implements Filterable {
        @Override
        public Object getProperty(SimpleString name) {
            return SelectorIdentifiers.value(name.toString(), source);
        }

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
