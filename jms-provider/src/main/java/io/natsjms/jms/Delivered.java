package io.natsjms.jms;

import io.natsjms.jms.message.NatsMessage;
import io.natsjms.stan.CoreMessage;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSubscription;

/**
 * One message handed to a consumer, with what it takes to acknowledge it on the server.
 *
 * @param consumer     the consumer it belongs to
 * @param subscription the STAN subscription it came from, or {@code null} for core NATS (temporary
 *                     destinations: nothing to acknowledge)
 * @param sequence     its channel sequence (0 for core NATS)
 * @param message      the decoded message
 * @param core         the raw core-NATS message for temporary destinations (to hand it to another
 *                     consumer), else {@code null}
 */
record Delivered(NatsMessageConsumer consumer, StanSubscription subscription, long sequence, NatsMessage message,
                 CoreMessage core) {

    /**
     * Acknowledges it on the server together with the acks that follow ({@link StanSubscription#ackLater}):
     * queued now, sent within the subscription's ack delay or once the consumer has nothing buffered; a
     * closed subscription makes this a no-op (the server redelivers).
     */
    void ack() throws StanException {
        queueAck();
        settle();
    }

    /** As {@link #ack()}, but sends its ack now, with those queued before it: no other ack follows soon. */
    void ackWithQueued() throws StanException {
        if (subscription != null && subscription.isActive()) {
            subscription.ackWithQueued(sequence);
        }
        settle();
    }

    /**
     * Queues its acknowledgement on its subscription ({@link StanSubscription#ackLater}), leaving the consumer
     * holding its sequence; a closed subscription makes this a no-op.
     *
     * @throws StanException when the queue had to be sent and could not be (NATS reconnecting): the server will
     *                       redeliver what it holds
     */
    void queueAck() throws StanException {
        if (subscription != null && subscription.isActive()) {
            subscription.ackLater(sequence);
        }
    }

    /** Tells the consumer its ack was sent (or needs none): a server redelivery of it is acknowledged again. */
    void settle() {
        if (consumer != null && subscription != null) {
            consumer.acknowledged(sequence);
        } else if (consumer != null) {
            consumer.settled(sequence);
        }
    }

    /**
     * Lets it go unacknowledged: the server's next delivery of it (after an XA rollback, or its ack wait) is
     * handed out as a new delivery.
     */
    void letGo() {
        if (consumer != null) {
            consumer.settled(sequence);
        }
    }

    /** Prepares it to be handed out again after recover/rollback: redelivered, delivery count + 1, body rewound. */
    Delivered redelivery() {
        message.setDeliveryCount(Math.max(1, message.deliveryCount()) + 1);
        message.setJMSRedelivered(true);
        message.markReceived();
        return this;
    }
}
