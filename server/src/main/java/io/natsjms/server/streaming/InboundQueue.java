package io.natsjms.server.streaming;

import io.natsjms.server.FatalErrors;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages for the engine between the threads that receive them and the engine's handlers: any thread
 * may {@link #offer} a message without waiting, and one thread of its own calls the handlers in the
 * order the messages were offered. Handlers may block that thread (the engine's input limit does);
 * messages then wait here, up to {@link #MAX_PENDING_MESSAGES} and {@link #MAX_PENDING_BYTES}, and past
 * that new ones are dropped and counted. For STAN that is safe: a dropped publish was never
 * acknowledged, so its publisher times out and may send it again; a dropped ack only means a
 * redelivery; a dropped request times out at its client.
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
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private record Inbound(Transport.Handler handler, String subject, String replyTo, byte[] data) {
    }

    private final LinkedBlockingQueue<Inbound> queue;
    private final long maxBytes;
    /** Payload bytes in {@link #queue}. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Whether messages are being dropped now: the warning is logged once per such episode. */
    private volatile boolean dropping;
    private volatile boolean closed;
    private final Thread thread;

    InboundQueue(String threadName) {
        this(threadName, MAX_PENDING_MESSAGES, MAX_PENDING_BYTES);
    }

    InboundQueue(String threadName, int maxMessages, long maxBytes) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages: " + maxMessages + " (expected: >= 1)");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
        }
        this.queue = new LinkedBlockingQueue<>(maxMessages);
        this.maxBytes = maxBytes;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        thread.start();
    }

    /** Queues a message for {@code handler}, or drops it when the queue is full or closed; never waits. */
    void offer(Transport.Handler handler, String subject, String replyTo, byte[] data) {
        if (closed) {
            return;
        }
        int size = data.length;
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            drop(subject);
            return;
        }
        if (!queue.offer(new Inbound(handler, subject, replyTo, data))) {
            bytes.addAndGet(-size);
            drop(subject);
            return;
        }
        if (dropping) {
            dropping = false;
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

    /** Messages dropped so far because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (!closed) {
            Inbound next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            bytes.addAndGet(-next.data.length);
            try {
                next.handler.onMessage(next.subject, next.replyTo, next.data);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "handling a message on \"" + next.subject + "\" failed: " + e, e);
            } catch (Error e) {
                FatalErrors.report(e);
                return;
            }
        }
    }

    /** Stops calling handlers (interrupting one that waits) and drops what is queued. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
        bytes.set(0);
    }
}
