package io.natsjms.server.streaming;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages for the engine between the threads that receive them (the broker's event loops) and the
 * engine's handlers: any thread may {@link #offer} a message without waiting, and the {@link EngineLoop}
 * itself calls the handlers, in the order the messages were offered, with no thread in between.
 *
 * <p>The loop takes the messages in rounds of at most {@link #ROUND} (one task on the loop per round,
 * not per message); the loop's other tasks queued meanwhile, such as the end of a commit that lets
 * the next batch of publishes start, run between two rounds, so they never wait behind the whole
 * backlog of input.
 *
 * <p>While the loop is busy, messages wait here, up to {@link #MAX_PENDING_MESSAGES} and
 * {@link #MAX_PENDING_BYTES}; past that new ones are dropped and counted, so a slow engine never makes
 * a receiving thread wait nor memory grow without bound. For STAN that is safe: a dropped publish was
 * never acknowledged, so its publisher times out and may send it again; a dropped ack only means a
 * redelivery; a dropped request times out at its client.
 *
 * <p>A handler that throws a {@link RuntimeException} is logged, and the next message is handled;
 * an {@link Error} stops the loop (see {@link EngineLoop}). After {@link #close()}, messages still
 * queued are dropped unhandled.
 */
final class InboundQueue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InboundQueue.class.getName());
    /** Messages held for the engine at most, before new ones are dropped. */
    static final int MAX_PENDING_MESSAGES = 128 * 1024;
    /**
     * Payload bytes held for the engine at most, before new ones are dropped: 64 MB, or an eighth of
     * the heap when that is smaller.
     */
    static final long MAX_PENDING_BYTES = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
    /** Messages handled per task of the loop at most. */
    static final int ROUND = 128;

    private record Inbound(Transport.Handler handler, String subject, String replyTo, byte[] data) {
    }

    private final EngineLoop loop;
    /** Messages offered and not yet taken by the loop, oldest first; any thread adds, the loop takes. */
    private final Queue<Inbound> queue = new ConcurrentLinkedQueue<>();
    /** Whether a round is queued on the loop. */
    private final AtomicBoolean roundScheduled = new AtomicBoolean();
    private final int maxMessages;
    private final long maxBytes;
    /** Messages offered and not yet taken by the loop. */
    private final AtomicInteger messages = new AtomicInteger();
    /** Payload bytes of those messages. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /**
     * Whether messages are being dropped now: the warning is logged once per such episode, which ends only
     * when the queue is back under half its bounds (at the bound, a flood alternates between taking and
     * dropping, which would otherwise log a warning per alternation).
     */
    private volatile boolean dropping;
    private volatile boolean closed;

    InboundQueue(EngineLoop loop) {
        this(loop, MAX_PENDING_MESSAGES, MAX_PENDING_BYTES);
    }

    InboundQueue(EngineLoop loop, int maxMessages, long maxBytes) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages: " + maxMessages + " (expected: >= 1)");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
        }
        this.loop = loop;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Queues a message for {@code handler} on the engine loop, or drops it when the bound is reached or
     * the queue is closed; never waits.
     */
    void offer(Transport.Handler handler, String subject, String replyTo, byte[] data) {
        if (closed) {
            return;
        }
        int size = data.length;
        if (messages.incrementAndGet() > maxMessages) {
            messages.decrementAndGet();
            drop(subject);
            return;
        }
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            messages.decrementAndGet();
            drop(subject);
            return;
        }
        if (dropping && messages.get() <= maxMessages / 2 && bytes.get() <= maxBytes / 2) {
            dropping = false; // the engine caught up: the next drop starts a new episode, with a new warning
        }
        queue.add(new Inbound(handler, subject, replyTo, data));
        scheduleRound();
    }

    private void scheduleRound() {
        if (roundScheduled.compareAndSet(false, true)) {
            loop.execute(this::round);
        }
    }

    /**
     * Hands up to {@link #ROUND} messages to their handlers, on the loop; queues the next round behind
     * the loop's other tasks when more wait. A handler that throws is logged and the round goes on.
     */
    private void round() {
        roundScheduled.set(false);
        for (int handled = 0; handled < ROUND; handled++) {
            Inbound next = queue.poll();
            if (next == null) {
                return;
            }
            messages.decrementAndGet();
            bytes.addAndGet(-next.data.length);
            if (closed) {
                continue;
            }
            try {
                next.handler.onMessage(next.subject, next.replyTo, next.data);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "handling a message on \"" + next.subject + "\" failed: " + e, e);
            }
        }
        if (!queue.isEmpty()) {
            scheduleRound();
        }
    }

    private void drop(String subject) {
        long count = dropped.incrementAndGet();
        if (!dropping) {
            dropping = true;
            LOG.log(Level.WARNING, () -> "the engine falls behind its input: messages to it are being dropped ("
                    + count + " so far, latest on \"" + subject + "\"); their publishes are not acknowledged");
        }
    }

    /** Messages dropped so far because the bound was reached. */
    long dropped() {
        return dropped.get();
    }

    /** Messages offered and not yet taken by the loop. */
    int pending() {
        return messages.get();
    }

    /** Drops new messages and those still queued: their handlers are no longer called. */
    @Override
    public void close() {
        closed = true;
    }
}
