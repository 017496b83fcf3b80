package io.natsjms.server.streaming;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.envelope.Selector;
import io.natsjms.protocol.envelope.SelectorIdentifiers;
import io.natsjms.protocol.pb.MsgProto;

/**
 * A queue member's JMS message selector, evaluated on stored messages by the same {@link Selector}
 * the JMS provider evaluates on the delivered message (the same parser and the same meaning of
 * identifiers, {@link SelectorIdentifiers}). A selector whose value is unknown, or whose evaluation
 * fails, does not select. Immutable.
 */
final class SelectorFilter {

    /** Selects every message (no selector). */
    static final SelectorFilter ALL = new SelectorFilter(Selector.compile(null));

    private final Selector selector;

    private SelectorFilter(Selector selector) {
        this.selector = selector;
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
            return new SelectorFilter(Selector.compile(selector));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Extensions.INVALID_SELECTOR + ": \"" + selector + "\" (" + e.getMessage() + ")");
        }
    }

    /** The selector text; empty when every message is selected. */
    String text() {
        return selector.selectsAll() ? "" : selector.text();
    }

    boolean selectsAll() {
        return selector.selectsAll();
    }

    /** Whether the selector selects {@code msg} delivered with {@code deliveryCount} (JMSXDeliveryCount). */
    boolean selects(MsgProto msg, int deliveryCount) {
        if (selector.selectsAll()) {
            return true;
        }
        SelectorIdentifiers.Source source = SelectorIdentifiers.of(msg.getData().toByteArray(), msg.getSubject(),
                msg.getSequence(), msg.getTimestamp(), deliveryCount);
        return selector.matches(source, new MessageName(msg));
    }

    @Override
    public String toString() {
        return selector.toString();
    }

    /** Names a stored message in the selector's debug line, built only when it is logged. */
    private record MessageName(MsgProto msg) {
        @Override
        public String toString() {
            return "message " + msg.getSequence() + " of channel \"" + msg.getSubject() + "\"";
        }
    }
}
