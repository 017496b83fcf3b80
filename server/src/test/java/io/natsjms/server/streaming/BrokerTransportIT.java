package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's in-process transport over a real embedded broker, with jnats clients around it. */
class BrokerTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private NatsBroker broker;
    private EngineLoop loop;
    private Connection nc;
    private BrokerTransport transport;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        loop = new EngineLoop("test-engine");
        nc = Nats.connect(broker.url());
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (transport != null) {
            transport.close();
        }
        loop.close();
        nc.close();
        broker.close();
    }

    private BrokerTransport transport(int maxMessages) {
        transport = new BrokerTransport(broker.connectInternal("test"), new InboundQueue(loop, maxMessages, 1 << 20),
                loop);
        return transport;
    }

    @Test
    void handlersRunOnTheEngineLoopInArrivalOrder() throws Exception {
        BrokerTransport transport = transport(InboundQueue.MAX_PENDING_MESSAGES);
        List<String> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        Transport.Handler handler = (subject, replyTo, data) -> {
            synchronized (seen) {
                seen.add(subject + ":" + new String(data, StandardCharsets.UTF_8));
                threads.add(Thread.currentThread().getName());
            }
        };
        transport.subscribe("in.a", handler);
        transport.subscribe("in.b", handler);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String subject = i % 3 == 0 ? "in.a" : "in.b";
            nc.publish(subject, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            sent.add(subject + ":" + i);
        }
        nc.flush(WAIT);
        await().atMost(WAIT).until(() -> transport.dropped() == 0 && sizeOf(seen) == 1000);
        assertThat(seen).containsExactlyElementsOf(sent);
        assertThat(threads).containsOnly("test-engine");
    }

    @Test
    void anEngineThatFallsBehindHasNewInputDroppedAndCountedThenCatchesUp() throws Exception {
        BrokerTransport transport = transport(10);
        AtomicInteger handled = heldFloodHandler(transport);
        for (int i = 0; i < 100; i++) {
            nc.publish("flood", new byte[] {(byte) i});
        }
        nc.flush(WAIT);
        await().atMost(WAIT).until(() -> transport.dropped() >= 100 - 11);
        release.countDown();
        await().atMost(WAIT).until(() -> handled.get() + transport.dropped() == 100);
        assertThat(handled.get()).isBetween(1, 11);

        nc.publish("flood", new byte[] {1});
        await().atMost(WAIT).until(() -> handled.get() + transport.dropped() == 101);
        assertThat(transport.connected()).isTrue();
    }

    @Test
    void aRequestNobodyReceivesFailsWithNoRespondersLongBeforeItsTimeout() {
        BrokerTransport transport = transport(10);
        Duration timeout = Duration.ofSeconds(30);
        CompletableFuture<byte[]> reply = transport.request("nobody.home", new byte[] {1}, timeout);
        assertThat(reply).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("503");
    }

    @Test
    void aRequestWhoseResponderStaysSilentTimesOut() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription silent = nc.subscribe("silent");
        nc.flush(WAIT);
        CompletableFuture<byte[]> reply = transport.request("silent", new byte[] {1}, Duration.ofMillis(200));
        assertThat(reply).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(silent.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void concurrentRequestsGetTheirOwnReplies() throws Exception {
        BrokerTransport transport = transport(10);
        nc.createDispatcher(msg -> nc.publish(msg.getReplyTo(), msg.getData())).subscribe("echo");
        nc.flush(WAIT);
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(transport.request("echo", Integer.toString(i).getBytes(StandardCharsets.UTF_8), WAIT));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(new String(replies.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8))
                    .isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void oversizedOrClosedPublishesAreDroppedNotThrown() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription sub = nc.subscribe("out");
        nc.flush(WAIT);
        byte[] atLimit = new byte[(int) transport.maxPayload()];
        assertThatCode(() -> transport.publish("out", new byte[(int) transport.maxPayload() + 1]))
                .doesNotThrowAnyException();
        transport.publish("out", atLimit);
        transport.flush(WAIT);
        assertThat(sub.nextMessage(WAIT).getData()).hasSize(atLimit.length);

        transport.close();
        assertThat(transport.connected()).isFalse();
        assertThatCode(() -> transport.publish("out", new byte[1])).doesNotThrowAnyException();
        assertThat(transport.request("out", new byte[1], WAIT)).failsWithin(WAIT);
    }

    @Test
    void closeWhileMessagesWaitBothWaysSendsWhatWasPublishedAndStopsTheHandlers() throws Exception {
        BrokerTransport transport = transport(1000);
        AtomicInteger handled = new AtomicInteger();
        transport.subscribe("in", (subject, replyTo, data) -> {
            handled.incrementAndGet();
            hold(release); // an engine that never catches up
        });
        Subscription out = nc.subscribe("out");
        nc.subscribe("silent");
        nc.flush(WAIT);
        for (int i = 0; i < 100; i++) {
            nc.publish("in", new byte[] {(byte) i});
        }
        nc.flush(WAIT);
        await().atMost(WAIT).until(() -> handled.get() == 1);
        for (int i = 0; i < 100; i++) {
            transport.publish("out", new byte[] {(byte) i});
        }
        CompletableFuture<byte[]> pending = transport.request("silent", new byte[1], Duration.ofMinutes(1));
        int before = broker.connectionCount();

        CompletableFuture.runAsync(transport::close).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        for (int i = 0; i < 100; i++) {
            assertThat(out.nextMessage(WAIT).getData()).containsExactly((byte) i);
        }
        assertThat(pending).failsWithin(WAIT);
        assertThat(handled.get()).isEqualTo(1);
        assertThat(broker.connectionCount()).isEqualTo(before - 1);
    }

    @Test
    void eachConnectionsMessagesKeepTheirOrderWhenSeveralPublishAtOnce() throws Exception {
        BrokerTransport transport = transport(InboundQueue.MAX_PENDING_MESSAGES);
        List<String> seen = new ArrayList<>(); // written on the engine loop only
        transport.subscribe("in.>", (subject, replyTo, data) -> seen.add(subject + ":"
                + new String(data, StandardCharsets.UTF_8)));
        List<Connection> publishers = new ArrayList<>();
        try {
            for (int c = 0; c < 3; c++) {
                publishers.add(Nats.connect(broker.url()));
            }
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int c = 0; c < publishers.size(); c++) {
                Connection publisher = publishers.get(c);
                String subject = "in." + c;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 2000; i++) {
                        publisher.publish(subject, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                    }
                }));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            for (Connection publisher : publishers) {
                publisher.flush(WAIT);
            }
        } finally {
            for (Connection publisher : publishers) {
                publisher.close();
            }
        }
        await().atMost(WAIT).until(() -> loop.call(seen::size) == 6000);
        assertThat(transport.dropped()).isZero();
        for (int c = 0; c < 3; c++) {
            String prefix = "in." + c + ":";
            List<Integer> ofOne = loop.call(() -> seen.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList());
            assertThat(ofOne).as("connection %d", c).hasSize(2000).isSorted();
        }
    }

    @Test
    void whatTheEngineSendsFromItsLoopGoesOutInOrderOnceItsTasksAreDoneEvenWhenNothingFollows() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription out = nc.subscribe("out.>");
        Subscription requests = nc.subscribe("asked");
        nc.flush(WAIT);
        // one task sends a burst, a request in the middle, and the loop then has nothing more to do
        loop.execute(() -> {
            for (int i = 0; i < 500; i++) {
                transport.publish("out." + (i % 7), Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                if (i == 250) {
                    transport.request("asked", new byte[] {1}, WAIT);
                }
            }
        });
        for (int i = 0; i < 500; i++) {
            io.nats.client.Message message = out.nextMessage(WAIT);
            assertThat(message).as("message %d", i).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
        }
        assertThat(requests.nextMessage(WAIT)).isNotNull();
        // a second batch, a single message, after the loop went idle
        loop.execute(() -> transport.publish("out.last", new byte[] {9}));
        assertThat(out.nextMessage(WAIT).getData()).containsExactly((byte) 9);
    }

    @Test
    void aLongTaskHandsItsOutputOverEveryFewHundredMessagesNotOnlyAtItsEnd() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription out = nc.subscribe("out");
        nc.flush(WAIT);
        CountDownLatch received = new CountDownLatch(1);
        CompletableFuture<Boolean> sawThemWhileRunning = new CompletableFuture<>();
        loop.execute(() -> {
            for (int i = 0; i < BrokerTransport.MAX_GATHERED; i++) {
                transport.publish("out", new byte[] {(byte) i});
            }
            try {
                sawThemWhileRunning.complete(received.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < BrokerTransport.MAX_GATHERED; i++) {
            assertThat(out.nextMessage(WAIT)).as("message %d while the task runs", i).isNotNull();
        }
        received.countDown();
        assertThat(sawThemWhileRunning.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aMessageTheLoopRefusesIsDroppedAloneAndTheOthersOfItsBatchGoOut() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription out = nc.subscribe("out");
        nc.flush(WAIT);
        loop.execute(() -> {
            transport.publish("out", new byte[] {1});
            transport.publish("bad subject", new byte[] {2});
            transport.publish("out", new byte[(int) transport.maxPayload() + 1]);
            transport.publish("out", new byte[] {3});
        });
        assertThat(out.nextMessage(WAIT).getData()).containsExactly((byte) 1);
        assertThat(out.nextMessage(WAIT).getData()).containsExactly((byte) 3);
        assertThat(out.nextMessage(Duration.ofMillis(200))).isNull();
    }

    @Test
    void closingOnTheLoopSendsWhatTheLoopGatheredFirst() throws Exception {
        BrokerTransport transport = transport(10);
        Subscription out = nc.subscribe("out");
        nc.flush(WAIT);
        loop.call(() -> {
            for (int i = 0; i < 10; i++) {
                transport.publish("out", new byte[] {(byte) i});
            }
            transport.close();
            return null;
        });
        for (int i = 0; i < 10; i++) {
            assertThat(out.nextMessage(WAIT).getData()).containsExactly((byte) i);
        }
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheMessagesAfterIt() throws Exception {
        BrokerTransport transport = transport(10);
        List<String> seen = new ArrayList<>();
        transport.subscribe("in.bad", (subject, replyTo, data) -> {
            throw new IllegalStateException("a bug in one handler (simulated)");
        });
        transport.subscribe("in.good", (subject, replyTo, data) -> seen.add(subject));
        nc.publish("in.bad", new byte[1]);
        nc.publish("in.good", new byte[1]);
        nc.flush(WAIT);
        await().atMost(WAIT).until(() -> loop.call(seen::size) == 1);
        assertThat(loop.stoppedReason()).isNull();
    }

    @Test
    void aFloodWhileTheEngineIsHeldNeverHoldsUpTheBrokersOtherClients() throws Exception {
        BrokerTransport transport = transport(10);
        AtomicInteger handled = heldFloodHandler(transport);
        nc.createDispatcher(msg -> nc.publish(msg.getReplyTo(), msg.getData())).subscribe("echo");
        nc.flush(WAIT);
        for (int i = 0; i < 10_000; i++) {
            nc.publish("flood", new byte[64]);
        }
        // the flood and this request go through the same event loop of the broker
        assertThat(nc.request("echo", new byte[] {7}, WAIT).getData()).containsExactly(7);
        await().atMost(WAIT).until(() -> transport.dropped() >= 10_000 - 11);
        release.countDown();
        await().atMost(WAIT).until(() -> handled.get() + transport.dropped() == 10_000);
    }

    private static int sizeOf(List<String> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Subscribes a handler to "flood" that waits for {@code release} before counting each message. */
    private AtomicInteger heldFloodHandler(BrokerTransport transport) {
        AtomicInteger handled = new AtomicInteger();
        transport.subscribe("flood", (subject, replyTo, data) -> {
            hold(release);
            handled.incrementAndGet();
        });
        return handled;
    }
}
