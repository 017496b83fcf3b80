package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The usage example of the module README, step by step, against the in-process server: if the README's
 * code stops working, this fails.
 */
@ExtendWith(TestStanExtension.class)
class UsageExampleIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theReadmeExampleWorksAsDescribed(TestStan server) throws Exception {
        StanSettings settings = StanSettings.builder(TestStan.CLUSTER, "order-service")
                .servers(server.url())
                .pubAckWait(Duration.ofSeconds(5))
                .build();
        List<String> texts = new CopyOnWriteArrayList<>();
        List<String> workers = new CopyOnWriteArrayList<>();
        StanConnection stan = StanConnection.connect(settings, new StanConnectionListener() {
            @Override
            public void connectionLost(StanException cause) {
                texts.add("lost: " + cause.getMessage());
            }
        });
        try (stan) {
            // publish: synchronously (returns once the server stored it) or asynchronously
            String stored = stan.publishSync("orders", bytes("order 1"));
            CompletableFuture<String> pending = stan.publish("orders", bytes("order 2"));
            pending.join();
            assertThat(stored).isNotEmpty();

            // subscribe from the first message still in the channel, acknowledging each one
            StanSubscription all = stan.subscribe(SubscriptionSpec.of("orders").starting(StartPosition.FIRST),
                    (subscription, message) -> {
                        texts.add(new String(message.data(), StandardCharsets.UTF_8));
                        ack(subscription, message);
                    });
            await().atMost(WAIT).until(() -> texts.size() == 2);
            assertThat(texts).containsExactly("order 1", "order 2");
            all.close();

            // other start positions
            SubscriptionSpec fromSequence = SubscriptionSpec.of("orders").startingAtSequence(2);
            SubscriptionSpec lastHour = SubscriptionSpec.of("orders").startingAtTime(Instant.now().minusSeconds(3600));
            SubscriptionSpec onlyTheLast = SubscriptionSpec.of("orders").starting(StartPosition.LAST_RECEIVED);
            assertThat(firstSequence(stan, fromSequence)).isEqualTo(2);
            assertThat(firstSequence(stan, lastHour)).isEqualTo(1);
            assertThat(firstSequence(stan, onlyTheLast)).isEqualTo(2);

            // a durable: close() keeps its position, subscribing again under the name resumes there
            SubscriptionSpec billing = SubscriptionSpec.of("orders").withDurableName("billing")
                    .starting(StartPosition.FIRST).withAckWait(Duration.ofSeconds(30)).withMaxInFlight(100);
            List<Long> billed = new CopyOnWriteArrayList<>();
            StanSubscription durable = stan.subscribe(billing, (s, m) -> {
                billed.add(m.sequence());
                ack(s, m);
            });
            await().atMost(WAIT).until(() -> billed.size() == 2);
            durable.close();
            stan.publishSync("orders", bytes("order 3"));
            durable = stan.subscribe(billing, (s, m) -> {
                billed.add(m.sequence());
                ack(s, m);
            });
            await().atMost(WAIT).until(() -> billed.size() == 3);
            assertThat(billed).containsExactly(1L, 2L, 3L);
            durable.unsubscribe();

            // a queue group: each message goes to one member
            SubscriptionSpec shipping = SubscriptionSpec.of("orders").withQueueGroup("shipping")
                    .starting(StartPosition.FIRST);
            StanSubscription worker1 = stan.subscribe(shipping, (s, m) -> {
                workers.add("1:" + m.sequence());
                ack(s, m);
            });
            StanSubscription worker2 = stan.subscribe(shipping, (s, m) -> {
                workers.add("2:" + m.sequence());
                ack(s, m);
            });
            await().atMost(WAIT).until(() -> workers.size() == 3);
            assertThat(workers).extracting(w -> w.substring(2)).containsExactlyInAnyOrder("1", "2", "3");
            worker1.close();
            worker2.close();
        }
        assertThat(stan.isOpen()).isFalse();
        assertThat(server.client("order-service")).isEmpty();
        assertThat(texts).noneMatch(t -> t.startsWith("lost"));
    }

    /** The sequence of the first message a subscription to {@code spec} gets; the subscription is closed. */
    private static long firstSequence(StanConnection stan, SubscriptionSpec spec) throws StanException {
        List<Long> sequences = new CopyOnWriteArrayList<>();
        StanSubscription subscription = stan.subscribe(spec, (s, m) -> {
            sequences.add(m.sequence());
            ack(s, m);
        });
        await().atMost(WAIT).until(() -> !sequences.isEmpty());
        subscription.close();
        return sequences.get(0);
    }

    /** Acknowledges {@code message}: acknowledgement is manual, the server redelivers what is not acked. */
    private static void ack(StanSubscription subscription, StanMessage message) {
        try {
            subscription.ack(message.sequence());
        } catch (StanException e) {
            throw new IllegalStateException("ack of " + message.sequence() + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
