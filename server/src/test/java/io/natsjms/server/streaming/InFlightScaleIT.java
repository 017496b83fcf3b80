package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscribers with a very large max in flight: arming their ack timers and finding what is due must
 * not cost in proportion to everything pending, and their deliveries and redeliveries must not hold up
 * other clients.
 */
@ExtendWith(StanServerExtension.class)
class InFlightScaleIT {

    private static final int IN_FLIGHT = 300_000;
    private static final Duration OTHERS_BOUND = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aSubscriberWith300kInFlightIsNotFeltByOtherClients(StanTestServer stan) throws Exception {
        // the pending bookkeeping under test lives in the engine; on MapDB this would mostly time the disk
        Assumptions.assumeFalse("mapdb".equals(System.getProperty(StanServerExtension.STORE_PROPERTY)),
                "runs on the memory store only");
        StreamingConnection publisher = stan.connect("backlog");
        byte[] data = new byte[16];
        CountDownLatch stored = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            publisher.publish("backlog", data, (guid, error) -> stored.countDown());
        }
        assertThat(stored.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("backlog acknowledged").isTrue();
        StreamingConnection other = stan.connect("other", o -> o.pubAckWait(OTHERS_BOUND));
        StreamingConnection greedy = stan.connect("greedy");
        AtomicInteger received = new AtomicInteger();

        greedy.subscribe("backlog", m -> received.incrementAndGet(), new SubscriptionOptions.Builder()
                .deliverAllAvailable().maxInFlight(IN_FLIGHT).manualAcks().ackWait(Duration.ofMinutes(10)).build());
        int otherPublishes = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.get() < IN_FLIGHT && System.nanoTime() < deadline) {
            // a synchronous publish fails with a timeout unless its PubAck comes within the bound
            other.publish("other", data);
            otherPublishes++;
        }

        assertThat(received).hasValue(IN_FLIGHT);
        assertThat(otherPublishes).isPositive();
        other.publish("other", data);
        assertThat(stan.channel("backlog").orElseThrow().subscriptions().get(0).pendingCount()).isEqualTo(IN_FLIGHT);
    }

    @Test
    void manyMessagesDueAtOnceAreAllRedeliveredInSequenceOrder(StanTestServer stan) throws Exception {
        int count = 5_000;
        StreamingConnection sc = stan.connect("many");
        Map<Long, Integer> firstRedelivery = new ConcurrentHashMap<>();
        List<Long> redeliveryOrder = Collections.synchronizedList(new ArrayList<>());
        sc.subscribe("ch", m -> {
            if (m.isRedelivered() && firstRedelivery.putIfAbsent(m.getSequence(), 1) == null) {
                redeliveryOrder.add(m.getSequence());
            }
        }, new SubscriptionOptions.Builder().maxInFlight(count).manualAcks().ackWait(Duration.ofSeconds(1)).build());
        CountDownLatch stored = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            sc.publish("ch", new byte[] {(byte) i}, (guid, error) -> stored.countDown());
        }
        assertThat(stored.await(60, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> firstRedelivery.size() == count);
        List<Long> order;
        synchronized (redeliveryOrder) {
            order = new ArrayList<>(redeliveryOrder);
        }
        assertThat(order).hasSize(count).isSorted();
        assertThat(order.get(0)).isEqualTo(1L);
        assertThat(order.get(count - 1)).isEqualTo(count);
    }
}
