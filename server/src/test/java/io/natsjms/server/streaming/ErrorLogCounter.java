package io.natsjms.server.streaming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what the server logs at ERROR (java.util.logging SEVERE, where {@link System.Logger} goes by
 * default) and at WARNING while installed, keeping the first ERROR lines for the failure message.
 */
final class ErrorLogCounter extends Handler implements AutoCloseable {

    private static final int KEPT = 10;

    private final Logger root = Logger.getLogger("io.natsjms");
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger warnings = new AtomicInteger();
    private final List<String> firstErrors = new CopyOnWriteArrayList<>();

    ErrorLogCounter() {
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.incrementAndGet();
            if (firstErrors.size() < KEPT) {
                Throwable thrown = record.getThrown();
                firstErrors.add(record.getLoggerName() + ": " + record.getMessage()
                        + (thrown == null ? "" : " (" + thrown + ")"));
            }
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.incrementAndGet();
        }
    }

    int errors() {
        return errors.get();
    }

    int warnings() {
        return warnings.get();
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
