package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session of an activation, run as a long-running {@link jakarta.resource.spi.work.Work}: receives a
 * message, delivers it to the session's endpoint, then acknowledges it, or hands it out again
 * ({@code recover}) after a failed delivery, or dead-letters it when its redeliveries are used up. One
 * message at a time, so a message is never with two endpoints of the session at once.
 */
final class SessionWorker extends NamedWork {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SessionWorker.class.getName());
    /** How long one receive waits, which bounds how long stopping takes when no message comes. */
    static final long POLL_MILLIS = 250;

    private final transient ActivationConnection owner;
    private final transient Session session;
    private final transient MessageConsumer consumer;
    private final transient MessageEndpoint endpoint;
    private final transient EndpointDelivery delivery;
    private final transient ActivationConfig config;
    private final transient DeadLetters deadLetters;
    private final transient CountDownLatch finished = new CountDownLatch(1);
    private final transient AtomicBoolean released = new AtomicBoolean();
    private volatile boolean running = true;
    /** Whether the work manager accepted this worker, so that it will run (and end) at some point. */
    private volatile boolean scheduled;

    SessionWorker(String name, ActivationConnection owner, Session session, MessageConsumer consumer,
                  MessageEndpoint endpoint, EndpointDelivery delivery, ActivationConfig config) {
        super(name, true);
        this.owner = owner;
        this.session = session;
        this.consumer = consumer;
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.config = config;
        this.deadLetters = config.deadLetterChannel() == null ? null : new DeadLetters(config.deadLetterChannel());
    }

    @Override
    public void run() {
        try {
            while (running) {
                Message message = consumer.receive(POLL_MILLIS);
                if (Thread.currentThread().isInterrupted()) {
                    throw new JMSException("the work manager interrupted session worker " + this);
                }
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

    /** Dead-letters (or drops, without a dead-letter channel) a message, then acknowledges it. */
    private void giveUp(Message message, int deliveryCount, String reason) throws JMSException {
        String what = describe(message);
        if (deadLetters == null) {
            LOG.log(Level.WARNING, "dropping {0} after {1} failed deliveries (no deadLetterChannel is set): {2}",
                    what, deliveryCount, reason);
        } else {
            deadLetters.send(session, message, deliveryCount, reason);
            LOG.log(Level.WARNING, "moved {0} to dead-letter channel {1} after {2} failed deliveries: {3}",
                    what, deadLetters.channel(), deliveryCount, reason);
        }
        message.acknowledge();
    }

    private static String describe(Message message) {
        try {
            return "message " + message.getJMSMessageID() + " of " + message.getJMSDestination();
        } catch (JMSException e) {
            return "a message";
        }
    }
}
