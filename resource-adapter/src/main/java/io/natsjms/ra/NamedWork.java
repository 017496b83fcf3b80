package io.natsjms.ra;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.util.List;

/**
 * A {@link Work} of this adapter, named for the container's thread dumps and flagged as long-running
 * when it is (a session's receive loop), so that containers with a separate pool for such work use it.
 */
abstract class NamedWork implements Work, WorkContextProvider {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final boolean longRunning;

    NamedWork(String name, boolean longRunning) {
        this.name = name;
        this.longRunning = longRunning;
    }

    @Override
    public List<WorkContext> getWorkContexts() {
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.NAME_HINT, name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, longRunning);
        return List.of(hints);
    }

    /** A short task: {@code body} runs once; release() has nothing to interrupt. */
    static NamedWork task(String name, Runnable body) {
        return new NamedWork(name, false) {
            private static final long serialVersionUID = 1L;

            @Override
            public void run() {
                body.run();
            }

            @Override
            public void release() {
                // the body ends on its own (an activation's loops end when it stops)
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
