package io.natsjms.jms;

import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanMessage;
import io.natsjms.stan.StanSubscription;
import io.natsjms.stan.StartPosition;
import io.natsjms.stan.SubscriptionSpec;
import jakarta.jms.JMSException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Reads stored messages of one channel through a plain, non-durable subscription of its own, which is
 * removed afterwards. It acks only on that subscription (so the server keeps sending), never on a
 * durable or queue group: reading changes no consumer's position. The acks go in batches
 * ({@link StanSubscription#ackLater}: one request per batch where the server has the natsjms ack batch
 * extension, one plain Ack per message where it has not), as the consumers' do.
 */
final class ChannelReader {

    private static final System.Logger LOG = System.getLogger(ChannelReader.class.getName());
    /** How many messages the server may send ahead of the reader. */
    static final int MAX_IN_FLIGHT = 256;

    /** Decides about each message read; {@code false} stops the reading. */
    @FunctionalInterface
    interface Sink {
        boolean accept(StanMessage message) throws JMSException;
    }

    private final StanConnection stan;
    private final String channel;
    /** The longest pause between two messages before the reader gives up (the rest is gone). */
    private final Duration gap;

    ChannelReader(StanConnection stan, String channel, Duration gap) {
        this.stan = stan;
        this.channel = channel;
        this.gap = gap;
    }

    /**
     * Passes the messages of sequences {@code from} to {@code to} that {@code wanted} accepts to
     * {@code sink}, in sequence order, until the sink says stop, {@code to} is reached, or no message
     * comes for the gap time (messages removed by the channel's limits meanwhile). A sequence below
     * the channel's first message starts at its first message.
     */
    void read(long from, long to, LongPredicate wanted, Sink sink) throws StanException, JMSException {
        BlockingQueue<StanMessage> received = new LinkedBlockingQueue<>();
        SubscriptionSpec spec = SubscriptionSpec.of(channel).withMaxInFlight(MAX_IN_FLIGHT).startingAtSequence(from);
        StanSubscription subscription = stan.subscribe(spec, (s, m) -> received.add(m));
        try {
            while (true) {
                StanMessage message = received.poll(gap.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null || message.sequence() > to) {
                    return;
                }
                subscription.ackLater(message.sequence());
                if (wanted.test(message.sequence()) && !sink.accept(message)) {
                    return;
                }
                if (message.sequence() == to) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        } finally {
            remove(subscription);
        }
    }

    /**
     * The sequence of the channel's last message, learnt from a subscription starting at the last
     * received message; 0 when none arrives within {@code wait} (an empty channel).
     */
    long lastSequence(Duration wait) throws StanException, JMSException {
        BlockingQueue<StanMessage> received = new LinkedBlockingQueue<>();
        SubscriptionSpec spec = SubscriptionSpec.of(channel).withMaxInFlight(1).starting(StartPosition.LAST_RECEIVED);
        StanSubscription subscription = stan.subscribe(spec, (s, m) -> received.add(m));
        try {
            StanMessage last = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return last == null ? 0 : last.sequence();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } finally {
            remove(subscription);
        }
    }

    private JMSException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        JMSException failure = new JMSException("interrupted while reading channel \"" + channel + "\"");
        failure.initCause(e);
        return failure;
    }

    private void remove(StanSubscription subscription) {
        try {
            subscription.unsubscribe();
        } catch (StanException e) {
            LOG.log(Level.DEBUG, () -> "reader subscription on channel \"" + channel + "\" not removed: "
                    + e.getMessage(), e);
        }
    }
}
