package io.natsjms.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.function.Consumer;

/**
 * Knows which threads are running a MessageListener or CompletionListener of the contexts sharing one
 * connection, so that the calls JMS forbids there ({@code close} from either, {@code stop} from a
 * MessageListener, {@code commit} / {@code rollback} from a CompletionListener) fail with
 * IllegalStateRuntimeException instead of deadlocking.
 * The listeners the contexts hand to the classic API are wrapped by {@link #guard}.
 */
final class ContextCallbacks {

    /** The kind of application callback a thread is running. */
    enum Kind {
        MESSAGE_LISTENER("a MessageListener"),
        COMPLETION_LISTENER("a CompletionListener");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** The callback the current thread is inside of, or null. */
    private final ThreadLocal<Kind> current = new ThreadLocal<>();

    /** Whether the current thread runs a callback of one of the kinds given (any kind if none). */
    boolean inside(Kind... kinds) {
        Kind kind = current.get();
        if (kind == null) {
            return false;
        }
        if (kinds.length == 0) {
            return true;
        }
        for (Kind k : kinds) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    /**
     * Throws when the current thread runs one of the callbacks given (any kind if none).
     *
     * @param operation the refused call, for the message
     */
    void refuseInside(String operation, Kind... kinds) {
        if (inside(kinds)) {
            throw new IllegalStateRuntimeException("JMSContext." + operation + "(): called from "
                    + current.get().description + " of this context"
                    + " (expected: a thread that runs none of the context's callbacks)");
        }
    }

    /** {@code listener} run as a MessageListener of the context; {@code consumed} sees each message first. */
    MessageListener guard(MessageListener listener, Consumer<Message> consumed) {
        return message -> {
            consumed.accept(message);
            runAs(Kind.MESSAGE_LISTENER, () -> listener.onMessage(message));
        };
    }

    /** {@code listener} run as a CompletionListener of the context. */
    CompletionListener guard(CompletionListener listener) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                runAs(Kind.COMPLETION_LISTENER, () -> listener.onCompletion(message));
            }

            @Override
            public void onException(Message message, Exception exception) {
                runAs(Kind.COMPLETION_LISTENER, () -> listener.onException(message, exception));
            }
        };
    }

    private void runAs(Kind kind, Runnable callback) {
        Kind previous = current.get();
        current.set(kind);
        try {
            callback.run();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
