package io.natsjms.benchmarks.server;

import java.util.concurrent.Semaphore;

/**
 * One publisher's limit on unacknowledged publishes: {@link #acquire()} before each publish blocks
 * while {@code size} are in flight; each acknowledgement frees a place and completes one message.
 */
public final class AckWindow {

    private final Semaphore places;
    private final Completion completion;

    AckWindow(int size, Completion completion) {
        if (size < 1) {
            throw new IllegalArgumentException("window: " + size + " (expected: >= 1)");
        }
        this.places = new Semaphore(size);
        this.completion = completion;
    }

    void acquire() throws InterruptedException {
        places.acquire();
    }

    /** An acknowledgement arrived; {@code error} is {@code null} or empty when the publish succeeded. */
    void acked(String error) {
        places.release();
        completion.complete(error);
    }
}
