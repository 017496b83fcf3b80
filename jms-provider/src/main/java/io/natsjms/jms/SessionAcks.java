package io.natsjms.jms;

import io.natsjms.jms.destination.StanDestination;
import io.natsjms.jms.message.StanMessage;
import io.natsjms.stan.StanException;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a session's mode makes of sends and deliveries. AUTO and DUPS_OK acknowledge each message once
 * receive() returned it or the listener returned; CLIENT keeps consumed messages until
 * {@link Message#acknowledge()}; a transacted session holds its sends and consumed messages until
 * commit. recover() and rollback() hand the consumed messages out again, marked redelivered. A consumer
 * closed while its messages are unsettled keeps its server subscription until they are settled, so the
 * acknowledgements still reach the server.
 */
final class SessionAcks {

    private static final System.Logger LOG = System.getLogger(SessionAcks.class.getName());
    /** How often AUTO/DUPS_OK redeliver locally a message whose listener threw; then the server's ack wait takes over. */
    private static final int MAX_LOCAL_DELIVERIES = 10;

    private final NatsSession session;
    private final MessageSender sender;
    private final ConsumedMessages consumed = new ConsumedMessages();
    private final List<Outgoing> transactionSends = new ArrayList<>();
    private final List<NatsMessageConsumer> releaseWhenSettled = new ArrayList<>();
    private volatile boolean recoverRequested;

    SessionAcks(NatsSession session, MessageSender sender) {
        this.session = session;
        this.sender = sender;
    }

    private boolean autoAcknowledge() {
        int mode = session.mode();
        return mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE;
    }

    private boolean transacted() {
        return session.mode() == Session.SESSION_TRANSACTED;
    }

    // ---- sends ----

    void send(StanDestination target, Message message, MessageSender.Settings settings, CompletionListener listener)
            throws JMSException {
        Outgoing outgoing = sender.prepare(target, message, settings, listener);
        if (transacted()) {
            synchronized (transactionSends) {
                transactionSends.add(outgoing);
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
                                 StanDestination target) {
        try {
            sent.join();
            listener.onCompletion(message);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            listener.onException(message, MessageSender.failure(target, cause));
        }
    }

    // ---- consumption ----

    /** receive() handed {@code delivered} to the application. */
    void consumed(Delivered delivered) throws JMSException {
        if (autoAcknowledge()) {
            try {
                delivered.ack();
            } catch (StanException e) {
                throw JmsExceptions.of("acknowledge message " + delivered.sequence(), e);
            }
        } else {
            consumed.add(delivered);
        }
    }

    /** Runs {@code listener} for {@code delivered}, on the session thread, and settles it per the mode. */
    void deliverToListener(Delivered delivered, MessageListener listener) {
        StanMessage message = delivered.message();
        NatsMessageConsumer consumer = delivered.consumer();
        if (NatsMessageConsumer.isExpired(message)) {
            consumer.ackQuietly(delivered);
            return;
        }
        if (!autoAcknowledge()) {
            consumed.add(delivered);
        }
        recoverRequested = false;
        boolean threw = false;
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            threw = true;
            LOG.log(Level.WARNING, "message listener of " + consumer + " threw", e);
        }
        if (!autoAcknowledge()) {
            return;
        }
        if (threw || recoverRequested) {
            if (message.deliveryCount() < MAX_LOCAL_DELIVERIES) {
                consumer.redeliver(List.of(delivered));
            } else {
                consumer.settled(delivered.sequence());
            }
        } else {
            consumer.ackQuietly(delivered);
        }
    }

    /** Message.acknowledge() in CLIENT_ACKNOWLEDGE: every message consumed so far. */
    void acknowledgeAll() throws JMSException {
        JMSException failure = ackAll(consumed.takeAll());
        releaseSettled();
        if (failure != null) {
            throw failure;
        }
    }

    private static JMSException ackAll(List<Delivered> deliveries) {
        JMSException failure = null;
        for (Delivered delivered : deliveries) {
            try {
                delivered.ack();
            } catch (StanException e) {
                if (failure == null) {
                    failure = JmsExceptions.of("acknowledge message " + delivered.sequence(), e);
                }
            }
        }
        return failure;
    }

    void recover() {
        if (autoAcknowledge()) {
            if (session.delivery().isListenerThread()) {
                recoverRequested = true;
            }
            return;
        }
        redeliver(consumed.takeAll());
        releaseSettled();
    }

    void commit() throws JMSException {
        List<Outgoing> sends;
        synchronized (transactionSends) {
            sends = new ArrayList<>(transactionSends);
            transactionSends.clear();
        }
        List<CompletableFuture<?>> confirmations = new ArrayList<>(sends.size());
        for (Outgoing outgoing : sends) {
            confirmations.add(sender.publish(outgoing));
        }
        JMSException sendFailure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sender.await(confirmations.get(i), sends.get(i).destination());
            } catch (JMSException e) {
                sendFailure = sendFailure == null ? e : sendFailure;
            }
        }
        if (sendFailure != null) {
            redeliver(consumed.takeAll());
            releaseSettled();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("commit failed, the"
                    + " received messages will be redelivered; sends confirmed before the failure stay sent: "
                    + sendFailure.getMessage());
            rolledBack.setLinkedException(sendFailure);
            rolledBack.initCause(sendFailure);
            throw rolledBack;
        }
        JMSException ackFailure = ackAll(consumed.takeAll());
        releaseSettled();
        if (ackFailure != null) {
            throw ackFailure;
        }
    }

    void rollback() {
        synchronized (transactionSends) {
            transactionSends.clear();
        }
        redeliver(consumed.takeAll());
        releaseSettled();
    }

    /** Session close: unsent transaction sends are dropped, unsettled messages left to the server. */
    void discard() {
        synchronized (transactionSends) {
            transactionSends.clear();
        }
        Map<NatsMessageConsumer, List<Delivered>> byConsumer = byConsumer(consumed.takeAll());
        byConsumer.forEach(NatsMessageConsumer::returnToInbox);
        releaseSettled();
    }

    private static void redeliver(List<Delivered> deliveries) {
        byConsumer(deliveries).forEach(NatsMessageConsumer::redeliver);
    }

    private static Map<NatsMessageConsumer, List<Delivered>> byConsumer(List<Delivered> deliveries) {
        Map<NatsMessageConsumer, List<Delivered>> byConsumer = new LinkedHashMap<>();
        for (Delivered delivered : deliveries) {
            byConsumer.computeIfAbsent(delivered.consumer(), c -> new ArrayList<>()).add(delivered);
        }
        return byConsumer;
    }

    // ---- consumers closed with unsettled messages ----

    /** A consumer closed: its subscription is released now, or once its consumed messages are settled. */
    void release(NatsMessageConsumer consumer) {
        synchronized (releaseWhenSettled) {
            if (consumed.hasFrom(consumer)) {
                releaseWhenSettled.add(consumer);
                return;
            }
        }
        consumer.releaseSubscription();
    }

    private void releaseSettled() {
        List<NatsMessageConsumer> ready = new ArrayList<>();
        synchronized (releaseWhenSettled) {
            releaseWhenSettled.removeIf(consumer -> {
                if (consumed.hasFrom(consumer)) {
                    return false;
                }
                ready.add(consumer);
                return true;
            });
        }
        ready.forEach(NatsMessageConsumer::releaseSubscription);
    }
}
