package io.natsjms.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The broker's in-process client against real network clients: what it publishes arrives as a
 * network client's would, what network clients publish reaches it as copies, and its queue, its
 * close and the broker's close keep their promises.
 */
class InternalClientIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static NatsBroker broker(int maxPayload) {
        return NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).maxPayload(maxPayload).build());
    }

    private record Received(String subject, String replyTo, byte[] headers, byte[] data) {
    }

    @Test
    void publishesReachNetworkSubscribersInOrderAndLeaveTheArrayAlone() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            Subscription sub = nc.subscribe("to.network");
            nc.flush(WAIT);
            InternalClient client = broker.connectInternal("test");
            byte[] shared = "same array".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 500; i++) {
                client.publish("to.network", null, i % 2 == 0 ? shared : ("msg " + i).getBytes(StandardCharsets.UTF_8));
            }
            client.flush(WAIT);
            for (int i = 0; i < 500; i++) {
                Message msg = sub.nextMessage(WAIT);
                assertThat(msg).as("message %d", i).isNotNull();
                assertThat(new String(msg.getData(), StandardCharsets.UTF_8))
                        .isEqualTo(i % 2 == 0 ? "same array" : "msg " + i);
            }
            assertThat(new String(shared, StandardCharsets.UTF_8)).isEqualTo("same array");
        }
    }

    @Test
    void receivesCopiesWithReplyAndHeadersApart() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            InternalClient client = broker.connectInternal("test");
            List<Received> received = new ArrayList<>();
            client.subscribe("to.engine.>", (subject, replyTo, headers, data) -> {
                synchronized (received) {
                    received.add(new Received(subject, replyTo, headers, data));
                }
            });
            nc.publish("to.engine.a", "r.1", "first".getBytes(StandardCharsets.UTF_8));
            nc.publish(NatsMessage.builder().subject("to.engine.b").headers(new Headers().add("k", "v"))
                    .data("second".getBytes(StandardCharsets.UTF_8)).build());
            nc.flush(WAIT);
            await().atMost(WAIT).until(() -> {
                synchronized (received) {
                    return received.size() == 2;
                }
            });
            Received first = received.get(0);
            assertThat(first.subject).isEqualTo("to.engine.a");
            assertThat(first.replyTo).isEqualTo("r.1");
            assertThat(first.headers).isNull();
            assertThat(new String(first.data, StandardCharsets.UTF_8)).isEqualTo("first");
            Received second = received.get(1);
            assertThat(second.replyTo).isNull();
            assertThat(new String(second.headers, StandardCharsets.US_ASCII)).startsWith("NATS/1.0").contains("k:v");
            assertThat(new String(second.data, StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void aRequestNobodyReceivesIsAnsweredWithTheNoRespondersStatus() {
        try (NatsBroker broker = broker(64 * 1024)) {
            InternalClient client = broker.connectInternal("test");
            CompletableFuture<Received> status = new CompletableFuture<>();
            client.subscribe("_INBOX.me.*", (subject, replyTo, headers, data) ->
                    status.complete(new Received(subject, replyTo, headers, data)));
            client.publish("nobody.listens", "_INBOX.me.1", new byte[] {1});
            Received reply = status.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
            assertThat(reply.subject).isEqualTo("_INBOX.me.1");
            assertThat(new String(reply.headers, StandardCharsets.US_ASCII)).startsWith("NATS/1.0 503");
            assertThat(reply.data).isEmpty();
        }
    }

    @Test
    void doesNotReceiveItsOwnMessages() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            InternalClient client = broker.connectInternal("test");
            List<String> own = new ArrayList<>();
            client.subscribe("loop", (subject, replyTo, headers, data) -> own.add(subject));
            Subscription network = nc.subscribe("loop");
            nc.flush(WAIT);
            client.publish("loop", null, new byte[] {1});
            client.flush(WAIT);
            assertThat(network.nextMessage(WAIT)).isNotNull();
            assertThat(own).isEmpty();
        }
    }

    @Test
    void payloadsUpToMaxPayloadPassBothWaysAndLargerOnesAreRefusedWithTheLimit() throws Exception {
        int maxPayload = 256 * 1024;
        try (NatsBroker broker = broker(maxPayload); Connection nc = Nats.connect(broker.url())) {
            InternalClient client = broker.connectInternal("test");
            CompletableFuture<byte[]> in = new CompletableFuture<>();
            client.subscribe("big.in", (subject, replyTo, headers, data) -> in.complete(data));
            Subscription out = nc.subscribe("big.out");
            nc.flush(WAIT);
            byte[] big = new byte[maxPayload];
            Arrays.fill(big, (byte) 'x');
            big[maxPayload - 1] = 'y';

            client.publish("big.out", null, big);
            nc.publish("big.in", big);

            assertThat(out.nextMessage(WAIT).getData()).isEqualTo(big);
            assertThat(in.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join()).isEqualTo(big);
            assertThatThrownBy(() -> client.publish("big.out", null, new byte[maxPayload + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(maxPayload + 1)).hasMessageContaining(String.valueOf(maxPayload));
            assertThatThrownBy(() -> client.publish("bad subject", null, new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bad subject\"");
        }
    }

    @Test
    void refusesPublishesPastItsQueueLimitWhileItsLoopIsBusyAndRoutesTheRestAfterwards() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            Subscription sub = nc.subscribe("queued");
            nc.flush(WAIT);
            InternalClient client = broker.connectInternal("test", 100);
            CountDownLatch release = new CountDownLatch(1);
            client.loop().execute(() -> hold(release));
            for (int i = 0; i < 100; i++) {
                client.publish("queued", null, new byte[] {(byte) i});
            }
            assertThatThrownBy(() -> client.publish("queued", null, new byte[] {1}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("100 messages queued");
            release.countDown();
            client.flush(WAIT);
            for (int i = 0; i < 100; i++) {
                assertThat(sub.nextMessage(WAIT).getData()).containsExactly((byte) i);
            }
            client.publish("queued", null, new byte[] {1}); // room again
        }
    }

    @Test
    void aBatchGoesOutInOrderBetweenSinglePublishesAndIsRefusedWholePastTheQueueLimit() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            Subscription sub = nc.subscribe("batch.>");
            nc.flush(WAIT);
            InternalClient client = broker.connectInternal("test", 100);
            PublishBatch batch = client.newBatch();
            client.publish("batch.a", null, new byte[] {0});
            for (int i = 1; i <= 60; i++) {
                batch.add(i % 2 == 0 ? "batch.a" : "batch.b", "reply." + i, new byte[] {(byte) i});
            }
            assertThatThrownBy(() -> batch.add("batch. spaced", null, new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"batch. spaced\"");
            assertThatThrownBy(() -> batch.add("batch.a", null, new byte[(int) client.maxPayload() + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(batch.size()).isEqualTo(60);
            CountDownLatch release = new CountDownLatch(1);
            client.loop().execute(() -> hold(release));
            client.publish(batch);
            assertThat(batch.isEmpty()).isTrue();
            client.publish("batch.a", null, new byte[] {61});
            for (int i = 0; i < 40; i++) {
                batch.add("batch.c", null, new byte[] {(byte) i});
            }
            assertThatThrownBy(() -> client.publish(batch)) // 62 queued + 40 > 100
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("100 messages queued")
                    .hasMessageContaining("40 more");
            assertThat(batch.isEmpty()).isTrue();
            release.countDown();
            client.flush(WAIT);
            for (int i = 0; i <= 61; i++) {
                Message message = sub.nextMessage(WAIT);
                assertThat(message.getData()).as("message %d", i).containsExactly((byte) i);
                if (i >= 1 && i <= 60) {
                    assertThat(message.getReplyTo()).isEqualTo("reply." + i);
                }
            }
            assertThat(sub.nextMessage(Duration.ofMillis(200))).isNull();
            batch.add("batch.c", null, new byte[] {62}); // room again
            client.publish(batch);
            assertThat(sub.nextMessage(WAIT).getData()).containsExactly((byte) 62);
        }
    }

    @Test
    void closeRoutesWhatWasQueuedThenLeavesTheBroker() throws Exception {
        try (NatsBroker broker = broker(64 * 1024); Connection nc = Nats.connect(broker.url())) {
            Subscription sub = nc.subscribe("last");
            nc.flush(WAIT);
            int before = broker.connectionCount();
            int subscriptionsBefore = broker.subscriptionCount();
            InternalClient client = broker.connectInternal("test");
            client.subscribe("engine.>", (subject, replyTo, headers, data) -> { });
            assertThat(broker.connectionCount()).isEqualTo(before + 1);
            assertThat(broker.subscriptionCount()).isEqualTo(subscriptionsBefore + 1);
            CountDownLatch release = new CountDownLatch(1);
            client.loop().execute(() -> hold(release));
            for (int i = 0; i < 50; i++) {
                client.publish("last", null, new byte[] {(byte) i});
            }
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> client.close(WAIT));
            await().atMost(WAIT).until(client::isClosed);
            assertThatThrownBy(() -> client.publish("last", null, new byte[1])).isInstanceOf(IllegalStateException.class);
            release.countDown();
            closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            for (int i = 0; i < 50; i++) {
                assertThat(sub.nextMessage(WAIT).getData()).containsExactly((byte) i);
            }
            assertThat(broker.connectionCount()).isEqualTo(before);
            assertThat(broker.subscriptionCount()).isEqualTo(subscriptionsBefore);
        }
    }

    @Test
    void closingTheBrokerClosesItsInternalClients() {
        NatsBroker broker = broker(64 * 1024);
        InternalClient client = broker.connectInternal("test");
        client.subscribe("x", (subject, replyTo, headers, data) -> { });
        broker.close();
        assertThat(client.isClosed()).isTrue();
        assertThat(broker.connectionCount()).isZero();
        assertThat(broker.subscriptionCount()).isZero();
        assertThatThrownBy(() -> client.publish("x", null, new byte[1])).isInstanceOf(IllegalStateException.class);
        client.close(WAIT); // idempotent
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
