package io.natsjms.jms;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;

/**
 * The connection shared by a context and the contexts created from it with {@code createContext}: it is
 * closed when the last of them is closed. Also holds the callback guard those contexts share.
 */
final class ContextConnection {

    private final Connection connection;
    private final ContextCallbacks callbacks = new ContextCallbacks();
    /** Open contexts using the connection; guarded by this. */
    private int contexts = 1;
    /** Whether a second context was ever created on the connection; guarded by this. */
    private boolean shared;

    ContextConnection(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    ContextCallbacks callbacks() {
        return callbacks;
    }

    /** Counts one more context on the connection. */
    synchronized void retain() {
        if (contexts == 0) {
            throw new IllegalStateRuntimeException("JMSContext: the connection is closed"
                    + " (expected: an open context to create another from)");
        }
        contexts++;
        shared = true;
    }

    /** Whether {@code createContext} was ever called on a context of this connection. */
    synchronized boolean isShared() {
        return shared;
    }

    /** Counts one context less; the last one closes the connection. */
    void release() throws JMSException {
        boolean last;
        synchronized (this) {
            last = --contexts == 0;
        }
        if (last) {
            connection.close();
        }
    }
}
