package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.FatalErrors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineLoopTest {

    private record Report(String thread, Throwable error) {
    }

    private final List<Report> fatal = new CopyOnWriteArrayList<>();
    private FatalErrors.Handler previous;

    @BeforeEach
    void recordFatalErrors() {
        previous = FatalErrors.install((thread, error) -> fatal.add(new Report(thread, error)));
    }

    @AfterEach
    void restoreHandler() {
        FatalErrors.install(previous);
    }

    @Test
    void aRuntimeExceptionIsLoggedAndTheLoopGoesOn() {
        try (EngineLoop loop = new EngineLoop("test-engine")) {
            loop.execute(() -> {
                throw new IllegalStateException("a bug in one task");
            });

            assertThat(loop.call(() -> "still serving")).isEqualTo("still serving");
            assertThat(fatal).isEmpty();
        }
    }

    @Test
    void anErrorStopsTheLoopAndIsReportedAsFatal() {
        try (EngineLoop loop = new EngineLoop("test-engine")) {
            OutOfMemoryError error = new OutOfMemoryError("Java heap space (simulated)");
            AtomicInteger ranAfter = new AtomicInteger();
            loop.execute(() -> {
                throw error;
            });
            loop.execute(ranAfter::incrementAndGet);

            await().atMost(Duration.ofSeconds(10)).until(() -> !fatal.isEmpty());
            assertThat(fatal).containsExactly(new Report("test-engine", error));
            long start = System.nanoTime();
            assertThatThrownBy(() -> loop.call(() -> "anything"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fatal error")
                    .hasMessageContaining("Java heap space (simulated)");
            assertThat(System.nanoTime() - start).as("call() fails at once, not after its 30 s timeout")
                    .isLessThan(TimeUnit.SECONDS.toNanos(10));
            loop.submit(ranAfter::incrementAndGet, 10);
            assertThat(ranAfter).hasValue(0);
        }
    }

    @Test
    void aCallWaitingWhenTheLoopFailsIsReleased() throws Exception {
        try (EngineLoop loop = new EngineLoop("test-engine")) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                blocked.countDown();
                awaitQuietly(release);
                throw new StackOverflowError("simulated");
            });
            blocked.await();
            AtomicReference<Throwable> callFailure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    loop.call(() -> "never");
                } catch (IllegalStateException e) {
                    callFailure.set(e);
                }
            });
            caller.start();
            release.countDown();

            caller.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(caller.isAlive()).isFalse();
            assertThat(callFailure.get()).hasMessageContaining("fatal error");
        }
    }

    @Test
    void aCallGivesUpAfterItsTimeButCallUntilDoneWaitsForTheTask() throws Exception {
        try (EngineLoop loop = new EngineLoop("test-engine", 100, 1_000_000, java.time.Duration.ofMillis(100))) {
            CountDownLatch release = new CountDownLatch(1);
            assertThatThrownBy(() -> loop.call(() -> release.await(10, TimeUnit.SECONDS)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer within 100 ms");
            release.countDown();
            // a start-up restore runs as long as the store is large: it must not be cut off
            CountDownLatch later = new CountDownLatch(1);
            java.util.concurrent.CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(later::countDown);

            assertThat(loop.callUntilDone(() -> later.await(10, TimeUnit.SECONDS))).isTrue();
        }
    }

    @Test
    void submitWaitsWhileTooManyInputsAreQueued() throws Exception {
        try (EngineLoop loop = new EngineLoop("test-engine", 2, 1_000_000)) {
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> awaitQuietly(release));
            AtomicInteger handled = new AtomicInteger();
            loop.submit(handled::incrementAndGet, 10);
            loop.submit(handled::incrementAndGet, 10);
            Thread third = new Thread(() -> loop.submit(handled::incrementAndGet, 10), "third-input");
            third.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> third.getState() == Thread.State.WAITING);
            assertThat(handled).hasValue(0);
            release.countDown();

            third.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(third.isAlive()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 3);
        }
    }

    @Test
    void submitWaitsWhileTooManyInputBytesAreQueuedButLetsALargeOneThroughAlone() throws Exception {
        try (EngineLoop loop = new EngineLoop("test-engine", 100, 1_000)) {
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> awaitQuietly(release));
            AtomicInteger handled = new AtomicInteger();
            loop.submit(handled::incrementAndGet, 5_000);
            Thread second = new Thread(() -> loop.submit(handled::incrementAndGet, 10), "second-input");
            second.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
            release.countDown();

            second.join(TimeUnit.SECONDS.toMillis(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 2);
        }
    }

    @Test
    void theLoopItselfNeverWaitsForInputRoom() {
        try (EngineLoop loop = new EngineLoop("test-engine", 1, 1)) {
            AtomicInteger handled = new AtomicInteger();
            loop.call(() -> {
                for (int i = 0; i < 5; i++) {
                    loop.submit(handled::incrementAndGet, 100);
                }
                return null;
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 5);
        }
    }

    @Test
    void closingReleasesAWaitingSubmitter() throws Exception {
        EngineLoop loop = new EngineLoop("test-engine", 1, 1_000);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> awaitQuietly(release));
        loop.submit(() -> { }, 1);
        Thread waiting = new Thread(() -> loop.submit(() -> { }, 1), "waiting-input");
        waiting.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.WAITING);

        Thread closer = new Thread(loop::close, "closer");
        closer.start();

        waiting.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(waiting.isAlive()).as("released by close while the loop is still busy").isFalse();
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(15));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
