package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishing with PubAcks. */
@ExtendWith(TestStanExtension.class)
class StanPublishIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aPublishCompletesWithThePubAckOfItsGuid(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("pub");

        String ack = connection.publish("orders", "my-guid", new byte[] {1, 2}).get();

        assertThat(ack).isEqualTo("my-guid");
        assertThat(stan.channel("orders").orElseThrow().msgs()).isEqualTo(1);
        assertThat(connection.pubAcksInFlight()).isZero();
    }

    @Test
    void manyAsyncPublishesAreAllAcknowledgedAndStoredInOrder(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("pub");
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(connection.publish("ch", new byte[] {(byte) i}));
        }

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();

        assertThat(futures).extracting(CompletableFuture::join).doesNotHaveDuplicates();
        assertThat(stan.channel("ch").orElseThrow().lastSeq()).isEqualTo(500);
    }

    @Test
    void publishSyncReturnsTheGuid(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("pub");

        String guid = connection.publishSync("ch", "hello".getBytes());

        assertThat(guid).isNotEmpty();
        assertThat(stan.channel("ch").orElseThrow().msgs()).isEqualTo(1);
    }

    @Test
    void aRefusedPublishFailsWithTheServersErrorString(TestStan stan) throws Exception {
        stan.start(config -> config.storeLimits(StoreLimits.defaults().withMaxChannels(1)));
        StanConnection connection = stan.connect("pub");
        connection.publishSync("first", new byte[] {1});

        assertThatThrownBy(() -> connection.publishSync("second", new byte[] {1}))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.SERVER_ERROR);
                    assertThat(e.serverError()).isEqualTo("too many channels");
                });
    }

    @Test
    void withoutAStreamingServerAPublishTimesOut(TestStan stan) throws Exception {
        StanConnection connection = stan.connect(stan.settings("pub").pubAckWait(Duration.ofMillis(300)).build(),
                new StanConnectionListener() { });
        stan.stopStreaming();

        CompletableFuture<String> future = connection.publish("ch", new byte[] {1});

        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).startsWith("stan: publish ack timeout").contains("\"ch\"");
                });
        assertThat(connection.pubAcksInFlight()).isZero();
        assertThatThrownBy(() -> connection.publishSync("ch", new byte[] {1}))
                .isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT));
    }

    @Test
    void aPublishBlocksWhileMaxPubAcksAreInFlight(TestStan stan) throws Exception {
        StanConnection connection = stan.connect(stan.settings("pub").maxPubAcksInFlight(2)
                .pubAckWait(Duration.ofSeconds(2)).build(), new StanConnectionListener() { });
        stan.stopStreaming();
        connection.publish("ch", new byte[] {1});
        connection.publish("ch", new byte[] {2});
        AtomicReference<CompletableFuture<String>> third = new AtomicReference<>();
        Thread publisher = new Thread(() -> third.set(connection.publish("ch", new byte[] {3})));

        publisher.start();

        await().atMost(WAIT).until(() -> publisher.getState() == Thread.State.TIMED_WAITING);
        assertThat(third.get()).isNull();
        assertThat(connection.pubAcksInFlight()).isEqualTo(2);
        // the first two time out, which frees places for the third
        await().atMost(WAIT).until(() -> third.get() != null);
        publisher.join();
        assertThat(connection.pubAcksInFlight()).isLessThanOrEqualTo(2);
    }

    @Test
    void pendingPublishesFailAsClosedWhenTheConnectionCloses(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("pub");
        stan.stopStreaming();
        CompletableFuture<String> future = connection.publish("ch", new byte[] {1});

        assertThatThrownBy(connection::close).isInstanceOf(StanException.class); // no close reply either

        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.CLOSED));
    }

    @Test
    void anInvalidChannelIsRejectedBeforeSending(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("pub");

        assertThatThrownBy(() -> connection.publish("a.>", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.>");
    }
}
