package io.natsjms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private FatalErrors.Handler previous;

    @BeforeEach
    void record() {
        previous = FatalErrors.install((thread, error) -> reports.add(thread + ": " + error.getMessage()));
    }

    @AfterEach
    void restore() {
        FatalErrors.install(previous);
    }

    @Test
    void aReportReachesTheInstalledHandlerWithTheThreadName() throws InterruptedException {
        Thread thread = new Thread(() -> FatalErrors.report(new OutOfMemoryError("simulated")), "worker-1");
        thread.start();
        thread.join();

        assertThat(reports).containsExactly("worker-1: simulated");
    }

    @Test
    void theUncaughtHandlerReportsErrorsOnly() throws InterruptedException {
        Thread failing = new Thread(() -> {
            throw new StackOverflowError("deep");
        }, "worker-2");
        failing.setUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        Thread buggy = new Thread(() -> {
            throw new IllegalStateException("a bug");
        }, "worker-3");
        buggy.setUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        failing.start();
        buggy.start();
        failing.join();
        buggy.join();

        assertThat(reports).containsExactly("worker-2: deep");
    }

    @Test
    void installReturnsTheHandlerItReplaces() {
        FatalErrors.Handler mine = (thread, error) -> { };
        FatalErrors.Handler recording = FatalErrors.install(mine);

        assertThat(FatalErrors.install(recording)).isSameAs(mine);
        assertThat(FatalErrors.isFatal(new AssertionError())).isTrue();
        assertThat(FatalErrors.isFatal(new RuntimeException())).isFalse();
    }
}
