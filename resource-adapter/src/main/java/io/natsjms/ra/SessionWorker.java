package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session of an activation, run as a long-running {@link jakarta.resource.spi.work.Work}: receives a
 * message, delivers it to the session's endpoint, then acknowledges it, or hands it out again
 * ({@code recover}) after a failed delivery, or dead-letters it when its redeliveries are used up. One
 * message at a time, so a message is never with two endpoints of the session at once.
 *
 * <p>A <em>transacted</em> session (an XA session whose resource the container enlists in beforeDelivery)
 * receives inside the delivery instead, so that the acknowledgement is held by the container's transaction:
 * its commit acknowledges the message, its rollback makes the server deliver it again at once. The
 * redelivery limit is checked when a message arrives: one delivered {@code maxRedeliveries + 1} times is
 * dead-lettered inside a transaction of its own, the copy's send and the acknowledgement committing
 * together. A transacted session that waits for a message runs an empty transaction once per
 * {@link #TRANSACTED_POLL_MILLIS}.
 */
final class SessionWorker extends NamedWork {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SessionWorker.class.getName());
    /** How long one receive waits, which bounds how long stopping takes when no message comes. */
    static final long POLL_MILLIS = 250;
    /** How long one receive of a transacted session waits: each wait is an (empty) container transaction. */
    static final long TRANSACTED_POLL_MILLIS = 1000;

    private final transient ActivationConnection owner;
    private final transient Session session;
    private final transient MessageConsumer consumer;
    private final transient MessageEndpoint endpoint;
    private final transient EndpointDelivery delivery;
    private final transient ActivationConfig config;
    private final transient DeadLetters deadLetters;
    private final boolean transacted;
    /** The last failed transacted delivery (the server redelivers it next), for its dead-letter reason. */
    private transient Failure lastFailure;
    private final transient CountDownLatch finished = new CountDownLatch(1);
    private final transient AtomicBoolean released = new AtomicBoolean();
    private volatile boolean running = true;
    /** Whether the work manager accepted this worker, so that it will run (and end) at some point. */
    private volatile boolean scheduled;

    SessionWorker(String name, ActivationConnection owner, Session session, MessageConsumer consumer,
                  MessageEndpoint endpoint, EndpointDelivery delivery, ActivationConfig config, boolean transacted) {
        super(name, true);
        this.owner = owner;
        this.session = session;
        this.consumer = consumer;
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.config = config;
        this.transacted = transacted;
        this.deadLetters = config.deadLetterChannel() == null ? null : new DeadLetters(config.deadLetterChannel());
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (transacted) {
                    deliverTransacted();
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
        Message[] received = new Message[1];
        DeliveryOutcome outcome = delivery.around(endpoint, () -> {
            Message message = consumer.receive(TRANSACTED_POLL_MILLIS);
            received[0] = message;
            return message == null ? null : handleInTransaction(message);
        });
        checkInterrupted();
        Message message = received[0];
        if (message == null) {
            if (!outcome.succeeded()) {
                LOG.log(Level.WARNING, "{0}: a transaction around a receive failed ({1}); retrying in {2} ms",
                        this, outcome.reason(), TRANSACTED_POLL_MILLIS);
                pause();
            }
            return;
        }
        if (outcome.succeeded()) {
            lastFailure = null;
            return;
        }
        lastFailure = new Failure(message.getJMSMessageID(), outcome.reason());
        LOG.log(Level.DEBUG, () -> "transacted delivery " + deliveryCount(message) + " of " + describe(message)
                + " failed (" + outcome.reason() + "); the server delivers it again");
    }

    private DeliveryOutcome handleInTransaction(Message message) throws JMSException {
        int deliveryCount = deliveryCount(message);
        if (!config.exhausted(deliveryCount - 1)) {
            return EndpointDelivery.onMessage(endpoint, message);
        }
        Failure last = lastFailure;
        String reason = last != null && last.messageId() != null && last.messageId().equals(message.getJMSMessageID())
                ? last.reason() : "delivered " + (deliveryCount - 1) + " times (maxRedeliveries "
                + config.maxRedeliveries() + "); the last failure is not known here";
        moveToDeadLetters(message, deliveryCount - 1, reason);
        return null;
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
