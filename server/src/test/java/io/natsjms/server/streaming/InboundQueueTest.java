package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.FatalErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's input from threads that must never wait: handed to the engine loop in order, bounded
 * by dropping, never blocking the offering thread, and surviving a handler that throws.
 */
class InboundQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private FatalErrors.Handler previous;
    private EngineLoop loop;
    private volatile CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        previous = FatalErrors.install((thread, error) -> fatal.add(error));
        loop = new EngineLoop("test-engine");
    }

    @AfterEach
    void stop() {
        release.countDown();
        loop.close();
        FatalErrors.install(previous);
    }

    @Test
    void handlersRunOnTheEngineLoopInTheOrderOffered() {
        InboundQueue inbound = new InboundQueue(loop, 100, 1 << 20);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        Transport.Handler handler = (subject, replyTo, data) -> {
            seen.add(subject + ":" + data[0]);
            threads.add(Thread.currentThread().getName());
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String subject = i % 3 == 0 ? "a" : "b";
            inbound.offer(handler, subject, null, new byte[] {(byte) i});
            sent.add(subject + ":" + (byte) i);
            if (i % 50 == 49) {
                awaitHandled(seen, i + 1); // stay under the bound of 100
            }
        }
        awaitHandled(seen, 1000);
        assertThat(seen).containsExactlyElementsOf(sent);
        assertThat(threads).containsOnly("test-engine");
        assertThat(inbound.dropped()).isZero();
        assertThat(inbound.pending()).isZero();
    }

    @Test
    void pastTheMessageBoundNewMessagesAreDroppedAndCountedWithoutWaitingThenItCatchesUp() throws Exception {
        InboundQueue inbound = new InboundQueue(loop, 10, 1 << 20);
        List<Integer> handled = new CopyOnWriteArrayList<>();
        holdTheLoop();

        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
                inbound.offer((s, r, data) -> handled.add((int) data[0]), "flood", null, new byte[] {(byte) i});
            }
        }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // a blocking offer would never return here

        assertThat(inbound.pending()).isEqualTo(10);
        assertThat(inbound.dropped()).isEqualTo(90);
        release.countDown();
        await().atMost(WAIT).until(() -> handled.size() == 10);
        assertThat(handled).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        inbound.offer((s, r, data) -> handled.add((int) data[0]), "flood", null, new byte[] {100});
        await().atMost(WAIT).until(() -> handled.size() == 11);
        assertThat(inbound.dropped()).isEqualTo(90);
    }

    @Test
    void pastTheByteBoundNewMessagesAreDropped() {
        InboundQueue inbound = new InboundQueue(loop, 1000, 1000);
        AtomicInteger handled = new AtomicInteger();
        holdTheLoop();

        inbound.offer((s, r, d) -> handled.incrementAndGet(), "big", null, new byte[600]);
        inbound.offer((s, r, d) -> handled.incrementAndGet(), "big", null, new byte[600]);
        inbound.offer((s, r, d) -> handled.incrementAndGet(), "small", null, new byte[400]);

        assertThat(inbound.dropped()).isEqualTo(1);
        assertThat(inbound.pending()).isEqualTo(2);
        release.countDown();
        await().atMost(WAIT).until(() -> handled.get() == 2);
    }

    @Test
    void aFloodAtTheBoundWarnsOncePerEpisodeNotOncePerDrop() {
        InboundQueue inbound = new InboundQueue(loop, 1000, 1000);
        AtomicInteger handled = new AtomicInteger();
        Transport.Handler handler = (s, r, d) -> handled.incrementAndGet();
        try (ErrorLogCounter log = new ErrorLogCounter()) {
            holdTheLoop();
            inbound.offer(handler, "big", null, new byte[600]);
            inbound.offer(handler, "big", null, new byte[600]); // dropped: the episode starts, one warning
            inbound.offer(handler, "small", null, new byte[400]); // taken, but the queue is still full
            inbound.offer(handler, "small", null, new byte[1]); // dropped again: the same episode
            assertThat(inbound.dropped()).isEqualTo(2);
            assertThat(log.warnings()).isEqualTo(1);

            release.countDown();
            await().atMost(WAIT).until(() -> handled.get() == 2);
            inbound.offer(handler, "small", null, new byte[1]); // taken below half the bound: the episode ends
            await().atMost(WAIT).until(() -> handled.get() == 3);
            release = new CountDownLatch(1);
            holdTheLoop();
            inbound.offer(handler, "big", null, new byte[600]);
            inbound.offer(handler, "big", null, new byte[600]); // a new episode, a new warning
            assertThat(inbound.dropped()).isEqualTo(3);
            assertThat(log.warnings()).isEqualTo(2);
            release.countDown();
        }
    }

    @Test
    void aHandlerThatThrowsIsLoggedAndTheNextMessageIsHandled() {
        InboundQueue inbound = new InboundQueue(loop, 10, 1 << 20);
        List<String> seen = new CopyOnWriteArrayList<>();
        inbound.offer((s, r, d) -> {
            throw new IllegalStateException("a bug in one handler (simulated)");
        }, "bad", null, new byte[1]);
        inbound.offer((s, r, d) -> seen.add(s), "good", null, new byte[1]);

        await().atMost(WAIT).until(() -> seen.size() == 1);
        assertThat(seen).containsExactly("good");
        assertThat(inbound.pending()).isZero();
        assertThat(fatal).isEmpty();
        assertThat(loop.stoppedReason()).isNull();
    }

    @Test
    void afterCloseQueuedMessagesAreNotHandledAndNewOnesAreRefused() {
        InboundQueue inbound = new InboundQueue(loop, 10, 1 << 20);
        AtomicInteger handled = new AtomicInteger();
        holdTheLoop();
        inbound.offer((s, r, d) -> handled.incrementAndGet(), "queued", null, new byte[1]);

        inbound.close();
        inbound.offer((s, r, d) -> handled.incrementAndGet(), "late", null, new byte[1]);
        release.countDown();

        assertThat(loop.call(() -> handled.get())).isZero();
        assertThat(inbound.pending()).isZero();
    }

    @Test
    void concurrentOfferersKeepTheirOwnOrderAndNothingIsBothLostAndUncounted() throws Exception {
        Random random = new Random(20261207L);
        InboundQueue inbound = new InboundQueue(loop, 64, 1 << 20);
        int producers = 4;
        int each = 5_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            seen.add(new ArrayList<>()); // written on the loop only
        }
        Transport.Handler handler = (subject, replyTo, data) -> {
            int producer = data[0];
            int n = ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
            seen.get(producer).add(n);
            if (n % 97 == 0) {
                Thread.yield(); // a slower engine now and then, so that drops happen
            }
        };
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            byte producer = (byte) p;
            int pause = random.nextInt(50) + 1;
            running.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < each; n++) {
                    inbound.offer(handler, "p", null, new byte[] {producer, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
                    if (n % pause == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> inbound.pending() == 0);

        int handled = loop.call(() -> {
            int total = 0;
            for (List<Integer> one : seen) {
                assertThat(one).isSorted().doesNotHaveDuplicates();
                total += one.size();
            }
            return total;
        });
        assertThat(handled + inbound.dropped()).isEqualTo((long) producers * each);
    }

    @Test
    void theLoopsOtherTasksWaitBehindOneRoundOfInputNotTheWholeBacklog() {
        InboundQueue inbound = new InboundQueue(loop, 10 * InboundQueue.ROUND, 1 << 20);
        AtomicInteger handled = new AtomicInteger();
        holdTheLoop();
        for (int i = 0; i < 3 * InboundQueue.ROUND; i++) {
            inbound.offer((s, r, d) -> handled.incrementAndGet(), "backlog", null, new byte[1]);
        }
        CompletableFuture<Integer> seenByTask = new CompletableFuture<>();
        loop.execute(() -> seenByTask.complete(handled.get())); // e.g. the end of a commit

        release.countDown();
        assertThat(seenByTask).succeedsWithin(WAIT).isEqualTo(InboundQueue.ROUND);
        await().atMost(WAIT).until(() -> handled.get() == 3 * InboundQueue.ROUND);
    }

    @Test
    void boundsBelowOneAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new InboundQueue(loop, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessages: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new InboundQueue(loop, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytes: 0 (expected: >= 1)");
    }

    /** Keeps the loop busy until {@link #release} opens, and returns once it is. */
    private void holdTheLoop() {
        CountDownLatch held = new CountDownLatch(1);
        loop.execute(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(held.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitHandled(List<String> seen, int count) {
        await().atMost(WAIT).until(() -> seen.size() >= count);
    }
}
