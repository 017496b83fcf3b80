package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.CloseRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Heartbeats, client PINGs and the connection listener. */
@ExtendWith(TestStanExtension.class)
class ConnectionLostIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records listener calls. */
    private static final class Events implements StanConnectionListener {
        final CompletableFuture<StanException> lost = new CompletableFuture<>();
        final AtomicInteger disconnects = new AtomicInteger();
        final AtomicInteger lostCalls = new AtomicInteger();

        @Override
        public void connectionLost(StanException cause) {
            lostCalls.incrementAndGet();
            lost.complete(cause);
        }

        @Override
        public void disconnected() {
            disconnects.incrementAndGet();
        }
    }

    private static StanSettings fastPings(TestStan stan, String clientId) {
        return stan.settings(clientId).pingInterval(Duration.ofMillis(100)).pingMaxOut(3).build();
    }

    @Test
    void withTheStreamingServerGoneNoRespondersCountAsMissedPingsAndTheListenerFires(TestStan stan) throws Exception {
        Events events = new Events();
        StanConnection connection = stan.connect(fastPings(stan, "pinger"), events);
        StanSubscription subscription = connection.subscribe(SubscriptionSpec.of("ch"), Received.acking());

        stan.stopStreaming(); // the broker stays: every PING gets a 503 "no responders" reply

        StanException cause = events.lost.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(cause.kind()).isEqualTo(StanException.Kind.CONNECTION_LOST);
        assertThat(cause.getMessage()).isEqualTo("stan: connection lost due to PING failure");
        assertThat(connection.isOpen()).isFalse();
        assertThat(subscription.isActive()).isFalse();
        assertThat(events.lostCalls).hasValue(1);
    }

    @Test
    void withTheWholeServerStoppedThePingsDetectItAndTheListenerFires(TestStan stan) throws Exception {
        Events events = new Events();
        StanConnection connection = stan.connect(fastPings(stan, "pinger"), events);

        stan.stopServer();

        StanException cause = events.lost.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(cause.kind()).isEqualTo(StanException.Kind.CONNECTION_LOST);
        assertThat(events.disconnects).hasPositiveValue();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aServerThatNoLongerKnowsTheClientAnswersThePingWithAnErrorThatIsReportedAtOnce(TestStan stan) throws Exception {
        Events events = new Events();
        StanConnection connection = stan.connect(stan.settings("victim").pingInterval(Duration.ofMillis(100))
                .pingMaxOut(1000).build(), events);
        StanConnection other = stan.connect("other");

        // someone else closes the session of "victim" on the server
        other.publishCore(stan.server().streaming().subjects().close(), other.newInbox(),
                CloseRequest.newBuilder().setClientID("victim").build().toByteArray());

        StanException cause = events.lost.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(cause.kind()).isEqualTo(StanException.Kind.CONNECTION_LOST);
        assertThat(cause.serverError()).isEqualTo(ProtocolErrors.CLIENT_REPLACED);
        assertThat(connection.isOpen()).isFalse();
        assertThat(other.isOpen()).isTrue();
    }

    @Test
    void answeredPingsKeepTheConnection(TestStan stan) throws Exception {
        Events events = new Events();
        StanConnection connection = stan.connect(fastPings(stan, "steady"), events);

        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(connection::isOpen);
        assertThat(events.lost).isNotDone();
    }

    @Test
    void heartbeatsAreAnsweredWhileAHandlerBlocks(TestStan stan) throws Exception {
        stan.start(config -> config.hbInterval(Duration.ofMillis(100)).hbTimeout(Duration.ofMillis(250)).hbFailCount(2));
        StanConnection connection = stan.connect("busy");
        CountDownLatch release = new CountDownLatch(1);
        List<Long> got = new CopyOnWriteArrayList<>();
        connection.subscribe(SubscriptionSpec.of("ch"), (subscription, message) -> {
            got.add(message.sequence());
            awaitQuietly(release);
        });
        connection.publishSync("ch", new byte[] {1});
        await().atMost(WAIT).until(() -> got.size() == 1);

        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> stan.client("busy").isPresent());
        release.countDown();
        connection.publishSync("ch", new byte[] {2});
        await().atMost(WAIT).until(() -> got.size() == 2);
    }

    @Test
    void closeDoesNotCallTheListener(TestStan stan) throws Exception {
        Events events = new Events();
        StanConnection connection = stan.connect(fastPings(stan, "quiet"), events);

        connection.close();

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !events.lost.isDone());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
