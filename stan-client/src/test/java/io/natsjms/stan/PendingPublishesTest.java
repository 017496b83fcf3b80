package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.PubAck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingPublishesTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private static byte[] ack(String guid, String error) {
        return PubAck.newBuilder().setGuid(guid).setError(error).build().toByteArray();
    }

    @Test
    void aPubAckCompletesTheMatchingPublishOnly() throws Exception {
        PendingPublishes pending = new PendingPublishes(10, Duration.ofSeconds(30), timer);
        CompletableFuture<String> a = pending.register("a", "ch");
        CompletableFuture<String> b = pending.register("b", "ch");

        pending.onPubAck(ack("b", ""), "inbox");

        assertThat(b).isCompletedWithValue("b");
        assertThat(a).isNotDone();
        assertThat(pending.inFlight()).isEqualTo(1);
    }

    @Test
    void aPubAckWithAnErrorFailsWithThatString() throws Exception {
        PendingPublishes pending = new PendingPublishes(10, Duration.ofSeconds(30), timer);
        CompletableFuture<String> future = pending.register("g", "ch");

        pending.onPubAck(ack("g", "too many channels"), "inbox");

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.SERVER_ERROR);
                    assertThat(e.serverError()).isEqualTo("too many channels");
                });
    }

    @Test
    void aPublishWithAttemptsLeftIsSentAgainOnTimeoutKeepingItsPlaceUntilAPubAck() throws Exception {
        PendingPublishes pending = new PendingPublishes(1, Duration.ofMillis(100), timer);
        java.util.concurrent.atomic.AtomicInteger resent = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<String> future = pending.register("g", "ch", 3, resent::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> resent.get() == 1);
        assertThat(future).isNotDone();
        assertThat(pending.freePlaces()).isZero();
        pending.onPubAck(ack("g", ""), "inbox");

        assertThat(future).isCompletedWithValue("g");
        assertThat(pending.freePlaces()).isEqualTo(1);
        assertThat(resent.get()).isEqualTo(1);
    }

    @Test
    void aPublishFailsWithATimeoutOnceEveryAttemptWentUnanswered() throws Exception {
        PendingPublishes pending = new PendingPublishes(1, Duration.ofMillis(50), timer);
        java.util.concurrent.atomic.AtomicInteger resent = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<String> future = pending.register("g", "ch", 3, () -> {
            resent.incrementAndGet();
            throw new IllegalStateException("reconnecting"); // not written: the next timeout tries again
        });

        assertThat(future).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("guid g").contains("sent 3 times");
                });
        assertThat(resent.get()).isEqualTo(2);
        // the timer thread completes the future first and frees the place right after it
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.freePlaces() == 1);
    }

    @Test
    void aWriteFailureEndsAPublishOnlyWhenNoAttemptIsLeft() throws Exception {
        PendingPublishes pending = new PendingPublishes(2, Duration.ofSeconds(30), timer);
        CompletableFuture<String> once = pending.register("once", "ch", 1, () -> { });
        CompletableFuture<String> retried = pending.register("retried", "ch", 2, () -> { });
        StanException io = new StanException(StanException.Kind.IO, "reconnecting");

        pending.writeFailed("once", io);
        pending.writeFailed("retried", io);

        assertThat(once).isCompletedExceptionally();
        assertThat(retried).isNotDone();
    }

    @Test
    void aPublishWithoutAckTimesOutAndFreesItsPlace() throws Exception {
        PendingPublishes pending = new PendingPublishes(1, Duration.ofMillis(100), timer);
        CompletableFuture<String> first = pending.register("a", "ch");

        CompletableFuture<String> second = pending.register("b", "ch"); // waits for the first to time out

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::get).cause().isInstanceOfSatisfying(StanException.class,
                e -> assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT));
        assertThat(pending.inFlight()).isLessThanOrEqualTo(1);
        assertThatThrownBy(second::get).cause().isInstanceOf(StanException.class);
    }

    @Test
    void aLateAckAfterTheTimeoutIsIgnored() throws Exception {
        PendingPublishes pending = new PendingPublishes(1, Duration.ofMillis(50), timer);
        CompletableFuture<String> future = pending.register("a", "ch");
        assertThatThrownBy(future::get).cause().isInstanceOf(StanException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.freePlaces() == 1); // freed after the future failed

        pending.onPubAck(ack("a", ""), "inbox");

        assertThat(pending.inFlight()).isZero();
        assertThat(pending.freePlaces()).isEqualTo(1); // the place was freed once, not twice
    }

    @Test
    void aDuplicateGuidIsRejected() throws Exception {
        PendingPublishes pending = new PendingPublishes(10, Duration.ofSeconds(30), timer);
        pending.register("a", "ch");

        assertThatThrownBy(() -> pending.register("a", "ch")).hasMessageContaining("guid: \"a\"");
        assertThat(pending.inFlight()).isEqualTo(1);
    }

    @Test
    void failAllFailsEveryPublish() throws Exception {
        PendingPublishes pending = new PendingPublishes(10, Duration.ofSeconds(30), timer);
        CompletableFuture<String> a = pending.register("a", "ch");
        CompletableFuture<String> b = pending.register("b", "ch");

        pending.failAll(new StanException(StanException.Kind.CLOSED, "closed"));

        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(pending.inFlight()).isZero();
    }
}
