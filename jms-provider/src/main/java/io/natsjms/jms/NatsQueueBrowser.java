package io.natsjms.jms;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.message.MessageCodec;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.stan.QueueSnapshot;
import io.natsjms.stan.QueueSnapshots;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A queue browser: shows the messages waiting in a queue without consuming them.
 *
 * <p>Each {@link #getEnumeration()} asks the server where the queue's group stands (see
 * {@link QueueSnapshots}) and then reads the waiting messages — those the group has not sent to a
 * consumer yet and those sent but not acknowledged — from the lowest waiting sequence up to the
 * channel's last message at the time of the question, with a plain subscription of its own that is
 * removed afterwards; the group's position is never touched. Messages the selector rejects are left
 * out. The enumeration is read eagerly and holds at most {@link #MAX_MESSAGES} messages; it is a
 * snapshot, so messages consumed or sent after it was taken are not reflected.
 *
 * <p>Against a server without the browse extension (the original Go server), which does not answer
 * the question, the browser waits for the question's timeout and then shows every message of the
 * channel from its first to its current last one, including messages consumers already acknowledged.
 *
 * <p>Browsed messages are read-only copies: {@code acknowledge()} on them does nothing.
 */
public final class NatsQueueBrowser implements QueueBrowser {

    private static final System.Logger LOG = System.getLogger(NatsQueueBrowser.class.getName());
    /** The most messages one enumeration holds. */
    public static final int MAX_MESSAGES = 10_000;
    /** The longest pause between two messages while reading before the reader decides the rest is gone. */
    private static final Duration MIN_GAP = Duration.ofSeconds(5);

    private final StanConnection stan;
    private final NatsChannelQueue queue;
    /** The selector, or {@code null} for every message. */
    private final MessageSelector selector;
    private final MessageCodec codec;
    private final String durableName;
    private final String queueGroup;
    private final Runnable onClose;
    private final QueueSnapshots snapshots;
    private final int maxMessages;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A browser of {@code queue}, whose consumers form the queue group {@code queueGroup} with durable
     * name {@code durableName} (see {@link QueueGroups}).
     *
     * @param selector the compiled selector, or {@code null} for every message
     * @param onClose  called once, by the first {@link #close()} (the session forgets the browser)
     */
    NatsQueueBrowser(StanConnection stan, NatsChannelQueue queue, MessageSelector selector, MessageCodec codec,
                     String durableName, String queueGroup, Runnable onClose) {
        this(stan, queue, selector, codec, durableName, queueGroup, onClose, new QueueSnapshots(stan), MAX_MESSAGES);
    }

    /** As above, asking {@code snapshots} and holding at most {@code maxMessages} per enumeration. */
    NatsQueueBrowser(StanConnection stan, NatsChannelQueue queue, MessageSelector selector, MessageCodec codec,
                     String durableName, String queueGroup, Runnable onClose, QueueSnapshots snapshots,
                     int maxMessages) {
        this.stan = Objects.requireNonNull(stan, "stan");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.selector = selector;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.durableName = durableName;
        this.queueGroup = Objects.requireNonNull(queueGroup, "queueGroup");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages: " + maxMessages + " (expected: >= 1)");
        }
        this.maxMessages = maxMessages;
    }

    @Override
    public Queue getQueue() throws JMSException {
        ensureOpen("getQueue");
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        ensureOpen("getMessageSelector");
        return selector == null ? null : selector.text();
    }

    /** The messages waiting in the queue now, in queue order (see the class comment). */
    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        ensureOpen("getEnumeration");
        try {
            return Collections.enumeration(browse());
        } catch (StanException e) {
            throw JmsExceptions.of("browse queue \"" + queue.getQueueName() + "\"", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    private List<Message> browse() throws StanException, JMSException {
        String channel = queue.getQueueName();
        ChannelReader reader = new ChannelReader(stan, channel, gap());
        List<Message> messages = new ArrayList<>();
        ChannelReader.Sink collect = message -> {
            NatsMessage decoded = decode(message);
            if (decoded != null && (selector == null || selector.matches(decoded))) {
                messages.add(decoded);
            }
            return messages.size() < maxMessages;
        };
        Optional<QueueSnapshot> snapshot = snapshots.take(channel, durableName, queueGroup);
        if (snapshot.isPresent()) {
            QueueSnapshot position = snapshot.get();
            OptionalLong from = position.firstWaiting();
            if (from.isPresent()) {
                reader.read(from.getAsLong(), position.lastSequence(), position::isWaiting, collect);
            }
        } else {
            LOG.log(Level.DEBUG, () -> "no queue snapshot for channel \"" + channel
                    + "\" (server without the browse extension): browsing the whole channel");
            long last = reader.lastSequence(stan.settings().connectWait());
            if (last > 0) {
                reader.read(1, last, sequence -> true, collect);
            }
        }
        return messages;
    }

    /** The JMS message of a browsed STAN message, or {@code null} (logged) when it can't be decoded. */
    private NatsMessage decode(io.natsjms.stan.StanMessage message) {
        try {
            return codec.decodeBrowsed(message);
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "message " + message.sequence() + " of channel \"" + message.channel()
                    + "\" can't be decoded; not browsed: " + e.getMessage(), e);
            return null;
        }
    }

    private Duration gap() {
        Duration connectWait = stan.settings().connectWait();
        return connectWait.compareTo(MIN_GAP) > 0 ? connectWait : MIN_GAP;
    }

    private void ensureOpen(String what) throws IllegalStateException {
        if (closed.get()) {
            throw new IllegalStateException(what + ": the browser of queue \"" + queue.getQueueName()
                    + "\" is closed");
        }
    }

    @Override
    public String toString() {
        return "NatsQueueBrowser[queue=" + queue.getQueueName() + ", selector=" + (selector == null ? null
                : selector.text()) + ", closed=" + closed.get() + "]";
    }
}
