package io.natsjms.stan;

import com.google.protobuf.Parser;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every part of a {@link StanConnection} shares about its NATS connection: the jnats
 * connection itself, the settings, whether the session is still open, and the few ways of talking
 * to NATS that turn jnats failures into {@link StanException}s. Thread-safe.
 */
final class NatsLink {

    /** Logs under the connection's name, so logging configured for it keeps covering this part. */
    private static final System.Logger LOG = System.getLogger(StanConnection.class.getName());

    private final Connection nats;
    private final StanSettings settings;
    /** True until close() or a lost connection; flips once. */
    private final AtomicBoolean open = new AtomicBoolean(true);

    NatsLink(Connection nats, StanSettings settings) {
        this.nats = nats;
        this.settings = settings;
    }

    Connection nats() {
        return nats;
    }

    StanSettings settings() {
        return settings;
    }

    boolean isOpen() {
        return open.get();
    }

    /** Marks the session closed; true only for the call that did it. */
    boolean markClosed() {
        return open.compareAndSet(true, false);
    }

    /**
     * Sends a request and decodes its reply.
     *
     * @throws StanException TIMEOUT (no reply within the connect wait, or no responders), IO, INTERRUPTED
     */
    <T> T request(String subject, byte[] body, Parser<T> parser, String replyType) throws StanException {
        CompletableFuture<byte[]> reply;
        try {
            reply = nats.requestWithTimeout(subject, body, settings.connectWait())
                    .thenApply(NatsLink::replyPayload);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        return Replies.await(reply, settings.connectWait(), parser, replyType, subject);
    }

    /** A reply's payload, or {@code null} for a NATS status message (no responders). */
    static byte[] replyPayload(Message reply) {
        if (reply.isStatusMessage()) {
            return null;
        }
        return reply.getData() == null ? new byte[0] : reply.getData();
    }

    void publishQuietly(String subject, byte[] body) {
        try {
            nats.publish(subject, body);
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, () -> "not sent to " + subject + ": " + e.getMessage());
        }
    }

    void closeDispatcher(Dispatcher dispatcher) {
        try {
            nats.closeDispatcher(dispatcher);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "dispatcher already closed: " + e.getMessage());
        }
    }

    void ensureOpen(String what) throws StanException {
        if (!open.get()) {
            throw closed(what);
        }
    }

    StanException closed(String what) {
        return new StanException(StanException.Kind.CLOSED, what + ": the STAN connection of client \""
                + settings.clientId() + "\" is closed");
    }

    StanException transportFailure(String what, IllegalStateException e) {
        if (!open.get() || nats.getStatus() == Connection.Status.CLOSED) {
            return new StanException(StanException.Kind.CLOSED, what + ": connection closed", e);
        }
        return new StanException(StanException.Kind.IO, what + ": " + e.getMessage(), e);
    }
}
