package io.natsjms.server.cli;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop that the main thread waits for, so that a
 * signalled server closes in order and the process exits with status 0, as the original's does.
 * (Left to the JVM, a signal runs the shutdown hooks and ends the process with 128 + the signal's
 * number: 143 for SIGTERM.) A second signal while the server is stopping ends the process at once,
 * with that conventional status.
 */
final class StopSignals {

    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicReference<String> received = new AtomicReference<>();

    private StopSignals() {
    }

    /**
     * Handles SIGTERM and SIGINT from now on; a signal the process ignores (such as SIGINT in a
     * background job) stays ignored.
     */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signals::onSignal);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, () -> "SIG" + name + " is not handled: " + e.getMessage());
            }
        }
        return signals;
    }

    private void onSignal(Signal signal) {
        String name = "SIG" + signal.getName();
        if (!received.compareAndSet(null, name)) {
            LOG.log(Level.WARNING, name + " while stopping: exiting at once");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        LOG.log(Level.INFO, () -> "Received " + name + ", stopping");
        requested.countDown();
    }

    /** Waits for a signal and returns its name, e.g. {@code SIGTERM}. */
    String await() throws InterruptedException {
        requested.await();
        return received.get();
    }
}
