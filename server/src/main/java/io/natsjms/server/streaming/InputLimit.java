package io.natsjms.server.streaming;

/**
 * How much client input the engine loop may have queued: a number of tasks and a number of payload
 * bytes. A submitter waits while either is used up; a single input larger than the byte budget is
 * still let through when nothing else is queued, so that no input waits forever. Closing lets every
 * waiting submitter go.
 */
final class InputLimit {

    private final int maxTasks;
    private final long maxBytes;
    private int tasks;
    private long bytes;
    private boolean closed;

    InputLimit(int maxTasks, long maxBytes) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks: " + maxTasks + " (expected: >= 1)");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
        }
        this.maxTasks = maxTasks;
        this.maxBytes = maxBytes;
    }

    /** Waits until one more input of {@code size} bytes fits (or the limit is closed), then takes it. */
    synchronized void acquire(int size) throws InterruptedException {
        while (!closed && (tasks >= maxTasks || (tasks > 0 && bytes + size > maxBytes))) {
            wait();
        }
        tasks++;
        bytes += size;
    }

    /** Gives back what {@link #acquire} took for an input of {@code size} bytes. */
    synchronized void release(int size) {
        tasks--;
        bytes -= size;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized int queuedTasks() {
        return tasks;
    }
}
