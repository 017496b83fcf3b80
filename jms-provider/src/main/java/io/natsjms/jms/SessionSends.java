package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a session does with its producers' sends. Outside a transaction a send is published at once: a
 * PERSISTENT one waits for the server's PubAck, a NON_PERSISTENT one reports a failure to the connection's
 * ExceptionListener, an asynchronous one calls its CompletionListener on the session's callback thread, in
 * send order. A transacted session holds its sends until {@link #publishHeld()} (commit) or
 * {@link #dropHeld()} (rollback, close); an XA session holds them while it is enlisted, until its branch
 * takes them ({@link #takeHeld()}).
 */
final class SessionSends {

    private final NatsSession session;
    private final MessageSender sender;
    /** The sends of the open transaction; guarded by itself. */
    private final List<Outgoing> held = new ArrayList<>();

    SessionSends(NatsSession session, MessageSender sender) {
        this.session = session;
        this.sender = sender;
    }

    /** Stamps and encodes {@code message}, then publishes it or holds it for the transaction. */
    void send(NatsDestination target, Message message, MessageSender.Settings settings, CompletionListener listener)
            throws JMSException {
        Outgoing outgoing = sender.prepare(target, message, settings, listener);
        if (session.holding()) {
            synchronized (held) {
                held.add(outgoing);
            }
            if (listener != null) {
                session.delivery().afterSend(CompletableFuture.completedFuture(null), () -> listener.onCompletion(message));
            }
            return;
        }
        if (listener != null) {
            CompletableFuture<?> sent = sender.publish(outgoing);
            session.delivery().afterSend(sent, () -> complete(listener, message, sent, target));
        } else if (outgoing.persistent()) {
            sender.publishAndWait(outgoing);
        } else {
            sender.publish(outgoing).whenComplete((result, failure) -> {
                if (failure != null) {
                    session.connection().reportAsync(MessageSender.failure(target, failure));
                }
            });
        }
    }

    private static void complete(CompletionListener listener, Message message, CompletableFuture<?> sent,
                                 NatsDestination target) {
        try {
            sent.join();
            listener.onCompletion(message);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            listener.onException(message, MessageSender.failure(target, cause));
        }
    }

    /**
     * Publishes the held sends, all at once, and waits for every confirmation. STAN has no atomic
     * multi-publish: sends confirmed before a failure stay published.
     *
     * @return the first failure, or {@code null} when every send was confirmed
     */
    JMSException publishHeld() {
        List<Outgoing> sends;
        synchronized (held) {
            sends = new ArrayList<>(held);
            held.clear();
        }
        List<CompletableFuture<?>> confirmations = new ArrayList<>(sends.size());
        for (Outgoing outgoing : sends) {
            confirmations.add(sender.publish(outgoing));
        }
        JMSException failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sender.await(confirmations.get(i), sends.get(i).destination());
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        return failure;
    }

    /** Removes and returns the held sends, in send order (an XA branch takes them over). */
    List<Outgoing> takeHeld() {
        synchronized (held) {
            List<Outgoing> sends = new ArrayList<>(held);
            held.clear();
            return sends;
        }
    }

    /** Drops the held sends: nothing of them is published. */
    void dropHeld() {
        synchronized (held) {
            held.clear();
        }
    }
}
