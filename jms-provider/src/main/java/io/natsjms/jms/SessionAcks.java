package io.natsjms.jms;

import io.natsjms.jms.message.NatsMessage;
import io.natsjms.stan.StanException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import java.lang.System.Logger.Level;
import io.natsjms.stan.StanSubscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a session's mode makes of the messages its consumers deliver. AUTO and DUPS_OK acknowledge each
 * message once receive() returned it or the listener returned; CLIENT keeps consumed messages until
 * {@link Message#acknowledge()}; a transacted session keeps them until its {@link SessionTransaction}
 * commits. recover() and rollback() hand the consumed messages out again, marked redelivered. A consumer
 * closed while its messages are unsettled keeps its server subscription until they are settled, so the
 * acknowledgements still reach the server. An XA session holds what it consumes while it is enlisted (its
 * branch takes the messages over, {@link #takeConsumed()}), and a branch started while a listener runs takes
 * that listener's message ({@link #claimListenerDelivery()}). Sends are {@link SessionSends}'s.
 */
final class SessionAcks {

    private static final System.Logger LOG = System.getLogger(SessionAcks.class.getName());
    /** How often AUTO/DUPS_OK redeliver locally a message whose listener threw; then the server's ack wait takes over. */
    private static final int MAX_LOCAL_DELIVERIES = 10;

    private final NatsSession session;
    private final ConsumedMessages consumed = new ConsumedMessages();
    private final List<NatsMessageConsumer> releaseWhenSettled = new ArrayList<>();
    private volatile boolean recoverRequested;
    /** The message a listener is handling unheld (to be auto-acknowledged), until an XA branch claims it. */
    private final AtomicReference<Delivered> inListener = new AtomicReference<>();

    SessionAcks(NatsSession session) {
        this.session = session;
    }

    private boolean autoAcknowledge() {
        int mode = session.mode();
        return !session.holding() && (mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE);
    }

    // ---- consumption ----

    /** receive() handed {@code delivered} to the application. */
    void consumed(Delivered delivered) throws JMSException {
        if (autoAcknowledge()) {
            delivered.consumer().ackQuietly(delivered);
        } else {
            consumed.add(delivered);
        }
    }

    /** Runs {@code listener} for {@code delivered}, on the session thread, and settles it per the mode. */
    void deliverToListener(Delivered delivered, MessageListener listener) {
        NatsMessage message = delivered.message();
        NatsMessageConsumer consumer = delivered.consumer();
        if (NatsMessageConsumer.isExpired(message)) {
            consumer.ackQuietly(delivered);
            return;
        }
        boolean held = !autoAcknowledge();
        if (held) {
            consumed.add(delivered);
        } else {
            inListener.set(delivered);
        }
        recoverRequested = false;
        boolean threw = false;
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            threw = true;
            LOG.log(Level.WARNING, "message listener of " + consumer + " threw", e);
        }
        if (held || inListener.getAndSet(null) == null) {
            return; // held for the transaction, or claimed by an XA branch started in onMessage
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

    /**
     * An XA branch was started on this session: the message a listener is handling unheld now, if any,
     * becomes part of it (a container starts the transaction of a message-driven delivery inside onMessage).
     */
    void claimListenerDelivery() {
        Delivered delivered = inListener.getAndSet(null);
        if (delivered != null) {
            consumed.add(delivered);
        }
    }

    /** Removes and returns the consumed, unsettled messages, in consumption order (an XA branch takes them over). */
    List<Delivered> takeConsumed() {
        return consumed.takeAll();
    }

    /** Message.acknowledge() in CLIENT_ACKNOWLEDGE: every message consumed so far. */
    void acknowledgeAll() throws JMSException {
        JMSException failure = acknowledgeConsumed();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Acknowledges every message consumed so far (CLIENT acknowledge, commit). When an ack cannot be sent
     * the messages stay consumed and held by their consumers (whatever acks were sent): recover or rollback
     * hands them out again, and the server's redeliveries of them are not taken for new messages.
     *
     * @return the first failure, or {@code null}
     */
    JMSException acknowledgeConsumed() {
        List<Delivered> all = consumed.takeAll();
        JMSException failure = sendAcks(all);
        if (failure == null) {
            all.forEach(Delivered::settle);
        } else {
            consumed.addFirst(all);
        }
        releaseSettled();
        return failure;
    }

    /** Hands every message consumed so far out again, marked redelivered (recover, rollback, failed commit). */
    void redeliverConsumed() {
        redeliver(consumed.takeAll());
        releaseSettled();
    }

    /**
     * Sends the acks of {@code deliveries} now, as few batches as their subscriptions allow (each
     * subscription's queue is sent before this returns).
     */
    private static JMSException sendAcks(List<Delivered> deliveries) {
        Set<StanSubscription> subscriptions = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Delivered delivered : deliveries) {
            try {
                delivered.queueAck();
            } catch (StanException e) {
                return JmsExceptions.of("acknowledge message " + delivered.sequence(), e);
            }
            if (delivered.subscription() != null) {
                subscriptions.add(delivered.subscription());
            }
        }
        for (StanSubscription subscription : subscriptions) {
            try {
                if (subscription.isActive()) {
                    subscription.flushAcks();
                }
            } catch (StanException e) {
                return JmsExceptions.of("acknowledge messages of " + subscription, e);
            }
        }
        return null;
    }

    void recover() {
        if (autoAcknowledge()) {
            if (session.delivery().isListenerThread()) {
                recoverRequested = true;
            }
            return;
        }
        redeliverConsumed();
    }

    /** Session close: unsettled messages are left to the server. */
    void discard() {
        Map<NatsMessageConsumer, List<Delivered>> byConsumer = byConsumer(consumed.takeAll());
        byConsumer.forEach(NatsMessageConsumer::returnToInbox);
        releaseSettled();
    }

    /** Hands {@code deliveries} out again by their consumers, marked redelivered. */
    static void redeliver(List<Delivered> deliveries) {
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
