package io.natsjms.stan;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Plain NATS through a {@link StanConnection}'s link, beside the streaming protocol: inboxes, core
 * subscriptions, publishes and requests, the natsjms extension requests, flush and the server's
 * payload limit. {@link StanConnection} delegates its core-NATS methods here. Thread-safe.
 */
final class CoreNats {

    /** Logs under the connection's name, so logging configured for it keeps covering this part. */
    private static final System.Logger LOG = System.getLogger(StanConnection.class.getName());

    private final NatsLink link;

    CoreNats(NatsLink link) {
        this.link = link;
    }

    /** A new unique core-NATS inbox subject ({@code _INBOX.<nuid>}). */
    static String newInbox() {
        return "_INBOX." + NUID.nextGlobal();
    }

    /** See {@link StanConnection#subscribeCore}. */
    CoreSubscription subscribeCore(String subject, Consumer<CoreMessage> handler) throws StanException {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(handler, "handler");
        link.ensureOpen("cannot subscribe to subject \"" + subject + "\"");
        Dispatcher dispatcher = link.nats().createDispatcher(msg -> {
            if (msg.isStatusMessage()) {
                return;
            }
            try {
                handler.accept(new CoreMessage(msg.getSubject(), msg.getReplyTo(),
                        msg.getData() == null ? new byte[0] : msg.getData()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handler of core subscription \"" + subject + "\" threw", e);
            }
        });
        dispatcher.subscribe(subject);
        return new CoreSubscription(subject, () -> link.closeDispatcher(dispatcher));
    }

    /** See {@link StanConnection#publishCore}. */
    void publishCore(String subject, String replyTo, byte[] data) throws StanException {
        link.ensureOpen("cannot publish to subject \"" + subject + "\"");
        try {
            link.nats().publish(subject, replyTo, data);
        } catch (IllegalStateException e) {
            throw link.transportFailure("cannot publish to subject \"" + subject + "\"", e);
        }
    }

    /** See {@link StanConnection#requestCore}. */
    Optional<byte[]> requestCore(String subject, byte[] body, Duration timeout) throws StanException {
        link.ensureOpen("cannot send request to \"" + subject + "\"");
        CompletableFuture<Message> reply;
        try {
            reply = link.nats().requestWithTimeout(subject, body, timeout);
        } catch (IllegalStateException e) {
            throw link.transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        try {
            return Optional.ofNullable(NatsLink.replyPayload(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for a reply on \""
                    + subject + "\"", e);
        }
    }

    /**
     * Sends a natsjms extension request. The future completes with the reply's payload, with
     * {@code null} when NATS answered "no responders" (nobody listens on {@code subject}), or fails
     * with a {@link TimeoutException} after {@code timeout}.
     *
     * @throws StanException CLOSED, IO while NATS reconnects
     */
    CompletableFuture<byte[]> requestExtension(String subject, byte[] body, Duration timeout) throws StanException {
        link.ensureOpen("cannot send request to \"" + subject + "\"");
        CompletableFuture<Message> reply;
        try {
            // jnats cancels a request on "no responders" and, later than this, on its own timeout
            reply = link.nats().requestWithTimeout(subject, body, timeout.plusSeconds(1))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            throw link.transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        return reply.handle((msg, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : failure;
            if (cause instanceof CancellationException) {
                return null;
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return NatsLink.replyPayload(msg);
        });
    }

    /** The largest message the NATS server accepts, in bytes (its {@code max_payload}). */
    long maxPayload() {
        return link.nats().getServerInfo().getMaxPayload();
    }

    /** See {@link StanConnection#flush}. */
    void flush(Duration timeout) throws StanException {
        link.ensureOpen("cannot flush");
        try {
            link.nats().flush(timeout);
        } catch (TimeoutException e) {
            throw new StanException(StanException.Kind.TIMEOUT, "flush timed out after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted while flushing", e);
        } catch (IllegalStateException e) {
            throw link.transportFailure("cannot flush", e);
        }
    }
}
