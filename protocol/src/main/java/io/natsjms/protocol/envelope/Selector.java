package io.natsjms.protocol.envelope;

import java.lang.System.Logger.Level;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.FilterException;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;

/**
 * A compiled JMS message selector over a {@link SelectorIdentifiers.Source}: the one evaluation the
 * provider (on a delivered message) and the server (on a stored message, for a queue member) share, so
 * the two cannot disagree. The Apache Artemis selector library parses and evaluates it; it is an
 * optional dependency of this module, so only callers of this class need it. A selector whose value is
 * unknown (SQL's NULL) or whose evaluation fails does not select. Immutable and thread-safe.
 */
public final class Selector {

    private static final System.Logger LOG = System.getLogger(Selector.class.getName());
    private static final Selector ALL = new Selector(null, null);

    private final String text;
    private final BooleanExpression expression;

    private Selector(String text, BooleanExpression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Compiles {@code selector}; null or blank selects every message.
     *
     * @throws IllegalArgumentException when it does not parse; the message is the parser's reason (its
     *                                  first line), the cause the parser's exception
     */
    public static Selector compile(String selector) {
        if (selector == null || selector.isBlank()) {
            return ALL;
        }
        try {
            return new Selector(selector, SelectorParser.parse(selector));
        } catch (FilterException | RuntimeException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException(firstLine(reason), e);
        }
    }

    /** The selector's text, or null when every message is selected. */
    public String text() {
        return text;
    }

    /** Whether every message is selected. */
    public boolean selectsAll() {
        return expression == null;
    }

    /**
     * Whether the selector selects the message {@code source} describes; {@code which} names the message
     * in the debug line logged when the evaluation fails (then it is not selected).
     */
    public boolean matches(SelectorIdentifiers.Source source, Object which) {
        if (expression == null) {
            return true;
        }
        try {
            return expression.matches(new View(source));
        } catch (FilterException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "selector \"" + text + "\" failed on " + which + "; not selected: " + e);
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

    /** A message as the selector library sees it: header identifiers, then properties. */
    private record View(SelectorIdentifiers.Source source) implements Filterable {
        @Override
        public Object getProperty(SimpleString name) {
            return SelectorIdentifiers.value(name.toString(), source);
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
