package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.message.MessageCodec;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanException;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stamps the headers a send sets, encodes the message and publishes it: to the channel with STAN (a
 * PubAck means it is stored), or with core NATS for a temporary destination. A send with a delivery
 * delay goes to the server's schedule extension, which stores it at once and makes it visible in the
 * channel only at its delivery time; a server without the extension (the original one) fails the send
 * with a {@link JMSException} saying so. To a temporary destination (nothing is stored there) a delayed
 * message is published by this connection when its time comes. The STAN client sends a publish whose
 * PubAck does not come again with the same guid ({@link io.natsjms.stan.StanSettings#publishAttempts()}),
 * which a natsjms server stores only once.
 */
final class MessageSender {

    /** The per-send header values of a producer. */
    record Settings(int deliveryMode, int priority, long timeToLive, long deliveryDelay, boolean disableMessageId,
                    boolean disableTimestamp) {
    }

    private final NatsConnection connection;

    MessageSender(NatsConnection connection) {
        this.connection = connection;
    }

    /** Sets JMSDestination, JMSDeliveryMode, JMSPriority, JMSExpiration, JMSDeliveryTime, JMSMessageID and JMSTimestamp on {@code message} and encodes it. */
    Outgoing prepare(NatsDestination destination, Message message, Settings settings, CompletionListener listener)
            throws JMSException {
        long now = System.currentTimeMillis();
        String guid = StanConnection.newGuid();
        message.setJMSDestination(destination);
        message.setJMSDeliveryMode(settings.deliveryMode());
        message.setJMSPriority(settings.priority());
        message.setJMSExpiration(settings.timeToLive() > 0 ? now + settings.timeToLive() : 0);
        message.setJMSDeliveryTime(now + settings.deliveryDelay());
        message.setJMSMessageID(settings.disableMessageId() ? null : "ID:" + guid);
        message.setJMSTimestamp(settings.disableTimestamp() ? 0 : now);
        NatsMessage copy = MessageCodec.copyOf(message);
        MessageCodec codec = connection.codec();
        byte[] payload = connection.config().sendRawBodies() ? codec.encodeRawBody(copy) : codec.encode(copy, connection.origin());
        return new Outgoing(destination, guid, payload, settings.deliveryMode() == DeliveryMode.PERSISTENT, message,
                listener, now + settings.deliveryDelay(), settings.deliveryDelay() > 0);
    }

    /** Publishes; the future completes when the server confirmed it (at once for core NATS). */
    CompletableFuture<?> publish(Outgoing outgoing) {
        StanConnection stan = connection.stan();
        NatsDestination destination = outgoing.destination();
        if (destination.isTemporary()) {
            long delay = outgoing.delayed() ? outgoing.deliveryTime() - System.currentTimeMillis() : 0;
            if (delay > 0) {
                connection.scheduler().schedule(() -> publishCore(stan, outgoing), delay, TimeUnit.MILLISECONDS);
                return CompletableFuture.completedFuture(null);
            }
            return publishCore(stan, outgoing);
        }
        if (outgoing.delayed()) {
            return stan.schedule(destination.name(), outgoing.guid(), outgoing.payload(),
                    TimeUnit.MILLISECONDS.toNanos(outgoing.deliveryTime()));
        }
        return stan.publish(destination.name(), outgoing.guid(), outgoing.payload());
    }

    private CompletableFuture<?> publishCore(StanConnection stan, Outgoing outgoing) {
        try {
            stan.publishCore(outgoing.destination().name(), null, outgoing.payload());
            return CompletableFuture.completedFuture(null);
        } catch (StanException e) {
            if (outgoing.delayed()) {
                connection.reportAsync(failure(outgoing.destination(), e));
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Publishes and waits for the confirmation. */
    void publishAndWait(Outgoing outgoing) throws JMSException {
        await(publish(outgoing), outgoing.destination());
    }

    /**
     * Waits for a publish started by {@link #publish}, translating its failure: at most one ack wait per
     * attempt the STAN client makes, and one more.
     */
    void await(CompletableFuture<?> sent, NatsDestination destination) throws JMSException {
        Duration limit = connection.config().pubAckTimeout()
                .multipliedBy(connection.stan().settings().publishAttempts() + 1L);
        try {
            sent.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(destination, e.getCause());
        } catch (TimeoutException e) {
            throw new JMSException("send to " + destination + ": no confirmation from the server within " + limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("send to " + destination + ": interrupted while waiting for the confirmation");
        }
    }

    static JMSException failure(NatsDestination destination, Throwable cause) {
        return cause instanceof Exception e ? JmsExceptions.of("send to " + destination, e)
                : new JMSException("send to " + destination + ": " + cause);
    }
}
