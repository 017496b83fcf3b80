package io.natsjms.server.streaming;

import io.natsjms.server.FatalErrors;
import java.util.concurrent.CountDownLatch;

/**
 * The main of a child JVM for {@link FatalErrorExitIT}: installs the handler the {@code natsjms-server}
 * command installs, then lets an engine loop fail with an {@link Error}, and would wait for ever if
 * nothing ended the process.
 */
final class FatalErrorChild {

    private FatalErrorChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        FatalErrors.install(FatalErrors.exitProcess());
        EngineLoop loop = new EngineLoop("natsjms-engine-child");
        loop.execute(() -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        System.out.println("engine task queued");
        new CountDownLatch(1).await();
    }
}
