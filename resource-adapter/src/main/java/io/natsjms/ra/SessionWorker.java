package io.natsjms.ra;

import io.natsjms.jms.NatsMessageConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session of an activation, run as a long-running {@link jakarta.resource.spi.work.Work}: receives a
 * message, delivers it to the session's endpoint, then acknowledges it, or hands it out again
 * ({@code recover}) after a failed delivery, or dead-letters it when its redeliveries are used up. One
 * message at a time, so a message is never with two endpoints of the session at once.
 *
 * <p>A <em>transacted</em> session (an XA session whose resource the container enlists in beforeDelivery)
 * receives inside the delivery instead, so that the acknowledgement is held by the container's transaction:
 * its commit acknowledges the message, its rollback makes the server deliver it again at once. A message
 * whose last allowed delivery failed (or that arrives with its redeliveries used up: its container
 * transaction is then marked rollback-only) is dead-lettered by a {@link DeadLetterBranch}, a transaction
 * of the adapter's own in which the copy's send and the acknowledgement commit together. A transacted
 * session waits for a message before it asks the container for a transaction, so an idle activation runs
 * no transactions at all.
 */
final class SessionWorker extends NamedWork {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SessionWorker.class.getName());
    /** How long one receive waits, which bounds how long stopping takes when no message comes. */
    static final long POLL_MILLIS = 250;
    /**
     * How long one receive of a transacted session waits inside its container transaction, once a message
     * was ready (so normally not at all); also the pause after a failed transaction.
     */
    static final long TRANSACTED_POLL_MILLIS = 500;

    private final transient ActivationConnection owner;
    private final transient Session session;
    private final transient MessageConsumer consumer;
    private final transient MessageEndpoint endpoint;
    private final transient EndpointDelivery delivery;
    private final transient ActivationConfig config;
    private final transient DeadLetters deadLetters;
    private final boolean transacted;
    /** Moves messages out of redeliveries, in transacted sessions; null otherwise. */
    private final transient DeadLetterBranch deadLetterBranch;
    /** The last failed transacted delivery (the server redelivers it next), for its dead-letter reason. */
    private transient Failure lastFailure;
    /** A message of a transacted session to move to the dead letters before the next delivery, or null. */
    private transient DeadLetterBranch.Pending pending;
    private final transient CountDownLatch finished = new CountDownLatch(1);
    private final transient AtomicBoolean released = new AtomicBoolean();
    private volatile boolean running = true;
    /** Whether the work manager accepted this worker, so that it will run (and end) at some point. */
    private volatile boolean scheduled;

    SessionWorker(String name, ActivationConnection owner, Session session, MessageConsumer consumer,
                  MessageEndpoint endpoint, EndpointDelivery delivery, ActivationConfig config, XAResource transactedResource) {
        super(name, true);
        this.owner = owner;
        this.session = session;
        this.consumer = consumer;
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.config = config;
        this.transacted = transactedResource != null;
        this.deadLetterBranch = transactedResource == null ? null
                : new DeadLetterBranch(transactedResource, consumer, TRANSACTED_POLL_MILLIS);
        this.deadLetters = config.deadLetterChannel() == null ? null : new DeadLetters(config.deadLetterChannel());
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (transacted) {
                    if (pending != null) {
                        moveInOwnBranch();
                    } else {
                        deliverTransacted();
                    }
                    continue;
                }
                Message message = consumer.receive(POLL_MILLIS);
                checkInterrupted();
                if (message != null && running) {
                    handle(message);
                }
            }
        } catch (JMSException | RuntimeException e) {
            if (running) {
                owner.failed(e);
            }
        } catch (Error e) {
            owner.failed(new IllegalStateException("session worker " + this + " died", e));
            throw e;
        } finally {
            finish();
        }
    }

    /** Asks the loop to end after the current delivery (the container's request, or the activation's). */
    @Override
    public void release() {
        running = false;
    }

    /** Ends the loop, or releases the endpoint of a worker that never ran. */
    void finish() {
        running = false;
        if (released.compareAndSet(false, true)) {
            endpoint.release();
            finished.countDown();
        }
    }

    void scheduled(boolean value) {
        scheduled = value;
    }

    boolean isScheduled() {
        return scheduled;
    }

    CountDownLatch finished() {
        return finished;
    }

    private void handle(Message message) throws JMSException {
        int deliveryCount = message.getIntProperty("JMSXDeliveryCount");
        if (config.exhausted(deliveryCount - 1)) {
            giveUp(message, deliveryCount, "already delivered " + (deliveryCount - 1) + " times (maxRedeliveries "
                    + config.maxRedeliveries() + "); the server redelivered it, so the last failure is not known here");
            return;
        }
        DeliveryOutcome outcome = delivery.deliver(endpoint, message);
        if (outcome.succeeded()) {
            message.acknowledge();
        } else if (config.exhausted(deliveryCount)) {
            giveUp(message, deliveryCount, outcome.reason());
        } else {
            LOG.log(Level.DEBUG, () -> "delivery " + deliveryCount + " of " + describe(message) + " failed ("
                    + outcome.reason() + "); delivering it again");
            session.recover();
        }
    }

    private void checkInterrupted() throws JMSException {
        if (Thread.currentThread().isInterrupted()) {
            throw new JMSException("the work manager interrupted session worker " + this);
        }
    }

    /**
     * One transaction: beforeDelivery (the container enlists the session), receive, then onMessage or the
     * dead-letter move, then afterDelivery (the container completes the transaction). A message received here
     * is always handled here: leaving it unhandled would acknowledge it with the commit.
     */
    private void deliverTransacted() throws JMSException {
        if (!messageReady()) {
            return;
        }
        Message[] received = new Message[1];
        // read at receive time: a rolled-back message is handed out again as the same object, counted up
        int[] count = new int[1];
        String[] id = new String[1];
        DeliveryOutcome outcome = delivery.around(endpoint, () -> {
            Message message = consumer.receive(TRANSACTED_POLL_MILLIS);
            received[0] = message;
            if (message == null) {
                return null;
            }
            count[0] = deliveryCount(message);
            id[0] = message.getJMSMessageID();
            return handleInTransaction(message);
        });
        checkInterrupted();
        Message message = received[0];
        if (message == null) {
            if (!outcome.succeeded()) {
                // without a cause the container only rolled the empty transaction back (GlassFish does while
                // an application is undeployed, Open Liberty always): nothing was received, nothing is lost
                if (outcome.cause() == null) {
                    LOG.log(Level.DEBUG, "{0}: the container rolled back an empty delivery transaction", this);
                } else {
                    LOG.log(Level.WARNING, "{0}: a transaction around a receive failed ({1}); retrying in {2} ms",
                            this, outcome.reason(), TRANSACTED_POLL_MILLIS);
                    pause();
                }
            }
            return;
        }
        if (outcome.succeeded()) {
            lastFailure = null;
            return;
        }
        int deliveryCount = count[0];
        if (pending == null && config.exhausted(deliveryCount)) {
            pending = new DeadLetterBranch.Pending(id[0], deliveryCount, outcome.reason());
        }
        if (pending == null) {
            lastFailure = new Failure(id[0], outcome.reason());
            LOG.log(Level.DEBUG, () -> "transacted delivery " + deliveryCount + " of message " + id[0]
                    + " failed (" + outcome.reason() + "); the server delivers it again");
        }
    }

    /**
     * Waits up to {@link #POLL_MILLIS} for a message to be ready, outside any transaction. Always true for a
     * consumer of another provider, which then receives inside an empty transaction as before.
     */
    private boolean messageReady() throws JMSException {
        boolean ready = !(consumer instanceof NatsMessageConsumer nats) || nats.awaitMessage(POLL_MILLIS);
        checkInterrupted();
        return ready && running;
    }

    /**
     * Inside the container transaction: onMessage, or, for a message that arrives with its redeliveries used
     * up, a rollback-only mark and the move in a branch of the adapter's own next (without a transaction
     * registry to mark with, the move happens in the container transaction).
     */
    private DeliveryOutcome handleInTransaction(Message message) throws JMSException {
        int deliveryCount = deliveryCount(message);
        if (!config.exhausted(deliveryCount - 1)) {
            return EndpointDelivery.onMessage(endpoint, message);
        }
        Failure last = lastFailure;
        String reason = last != null && last.messageId() != null && last.messageId().equals(message.getJMSMessageID())
                ? last.reason() : "delivered " + (deliveryCount - 1) + " times (maxRedeliveries "
                + config.maxRedeliveries() + "); the last failure is not known here";
        if (delivery.markRollbackOnly()) {
            pending = new DeadLetterBranch.Pending(message.getJMSMessageID(), deliveryCount - 1, reason);
            return DeliveryOutcome.failure("out of redeliveries, to be dead-lettered", null);
        }
        moveToDeadLetters(message, deliveryCount - 1, reason);
        return null;
    }

    /** Moves the pending message to the dead letters in a branch of the adapter's own. */
    private void moveInOwnBranch() throws JMSException {
        DeadLetterBranch.Pending move = pending;
        pending = null;
        lastFailure = null;
        DeadLetterBranch.Result result = deadLetterBranch.move(move,
                (message, what) -> moveToDeadLetters(message, what.failedDeliveries(), what.reason()));
        if (result == DeadLetterBranch.Result.NOT_RECEIVED) {
            LOG.log(Level.DEBUG, "{0}: message {1} did not come back next; it is dead-lettered when it arrives",
                    this, move.messageId());
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(TRANSACTED_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            return 1;
        }
    }

    /** Dead-letters (or drops, without a dead-letter channel) a message, then acknowledges it. */
    private void giveUp(Message message, int deliveryCount, String reason) throws JMSException {
        moveToDeadLetters(message, deliveryCount, reason);
        message.acknowledge();
    }

    /**
     * Sends the dead-letter copy (or logs the drop, without a dead-letter channel); in a transacted session
     * the copy and the acknowledgement are part of the container's transaction.
     */
    private void moveToDeadLetters(Message message, int deliveryCount, String reason) throws JMSException {
        String what = describe(message);
        if (deadLetters == null) {
            LOG.log(Level.WARNING, "dropping {0} after {1} failed deliveries (no deadLetterChannel is set): {2}",
                    what, deliveryCount, reason);
        } else {
            deadLetters.send(session, message, deliveryCount, reason);
            LOG.log(Level.WARNING, "moved {0} to dead-letter channel {1} after {2} failed deliveries: {3}",
                    what, deadLetters.channel(), deliveryCount, reason);
        }
    }

    /** Why the delivery of a message failed. */
    private record Failure(String messageId, String reason) {
    }

    private static String describe(Message message) {
        try {
            return "message " + message.getJMSMessageID() + " of " + message.getJMSDestination();
        } catch (JMSException e) {
            return "a message";
        }
    }
}
