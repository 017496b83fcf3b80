package io.natsjms.arquillian.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the deliveries in progress and holds the first ones until two of them overlap (at most
 * {@value #HOLD_SECONDS} s, then nobody is held any more), so that parallel delivery shows whatever the
 * timing: with sessions delivering in parallel the second message arrives while the first is held.
 */
@ApplicationScoped
public class Overlap {

    static final long HOLD_SECONDS = 10;

    private final AtomicInteger active = new AtomicInteger();
    private final CountDownLatch overlapped = new CountDownLatch(1);

    /** Enters a delivery; returns the number of deliveries in progress, this one included. */
    public int enter() {
        int now = active.incrementAndGet();
        if (now > 1) {
            overlapped.countDown();
        }
        try {
            if (!overlapped.await(HOLD_SECONDS, TimeUnit.SECONDS)) {
                overlapped.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return now;
    }

    /** Leaves a delivery. */
    public void exit() {
        active.decrementAndGet();
    }
}
