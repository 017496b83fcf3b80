package io.natsjms.server.streaming;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages for the engine between the threads that receive them (the broker's event loops) and the
 * engine's handlers: any thread may {@link #offer} a message without waiting, and the {@link EngineLoop}
 * itself calls the handlers, in the order the messages were offered, with no thread in between.
 *
 * <p>While the loop is busy, messages wait in its queue, up to {@link #MAX_PENDING_MESSAGES} and
 * {@link #MAX_PENDING_BYTES}; past that new ones are dropped and counted, so a slow engine never makes
 * a receiving thread wait nor memory grow without bound. For STAN that is safe: a dropped publish was
 * never acknowledged, so its publisher times out and may send it again; a dropped ack only means a
 * redelivery; a dropped request times out at its client.
 *
 * <p>A handler that throws a {@link RuntimeException} is logged by the loop, which goes on with the
 * next message; after {@link #close()}, messages still queued are dropped unhandled.
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

    /** One message on its way to its handler: runs on the engine loop. */
    private final class Inbound implements Runnable {
        private final Transport.Handler handler;
        private final String subject;
        private final String replyTo;
        private final byte[] data;

        Inbound(Transport.Handler handler, String subject, String replyTo, byte[] data) {
            this.handler = handler;
            this.subject = subject;
            this.replyTo = replyTo;
            this.data = data;
        }

        @Override
        public void run() {
            messages.decrementAndGet();
            bytes.addAndGet(-data.length);
            if (!closed) {
                handler.onMessage(subject, replyTo, data);
            }
        }
    }

    private final EngineLoop loop;
    private final int maxMessages;
    private final long maxBytes;
    /** Messages offered and not yet taken by the loop. */
    private final AtomicInteger messages = new AtomicInteger();
    /** Payload bytes of those messages. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Whether messages are being dropped now: the warning is logged once per such episode. */
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
        if (dropping) {
            dropping = false;
        }
        loop.execute(new Inbound(handler, subject, replyTo, data));
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
