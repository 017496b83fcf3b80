package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** maxSession sessions deliver in parallel, each message to one endpoint at a time. */
@ExtendWith(HarnessExtension.class)
class ConcurrencyIT {

    @Test
    void sessionsOfATopicActivationDeliverInParallelAndNeverTheSameMessageTwiceAtOnce(Harness harness) throws Exception {
        checkParallelDelivery(harness, "jobs", "jakarta.jms.Topic", "Durable");
    }

    @Test
    void sessionsOfAQueueActivationDeliverInParallel(Harness harness) throws Exception {
        checkParallelDelivery(harness, "tasks", "jakarta.jms.Queue", null);
    }

    private static void checkParallelDelivery(Harness harness, String channel, String type, String durability)
            throws Exception {
        Set<String> inProgress = ConcurrentHashMap.newKeySet();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch twoAtOnce = new CountDownLatch(1);
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        mdb.behave(message -> {
            String text = ((TextMessage) message).getText();
            if (!inProgress.add(text)) {
                overlaps.add(text);
            }
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            if (now >= 2) {
                twoAtOnce.countDown();
            }
            // hold the first deliveries until a second session delivers too: proves the parallelism
            twoAtOnce.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            running.decrementAndGet();
            inProgress.remove(text);
        });
        NatsActivationSpec spec = harness.spec(channel);
        spec.setDestinationType(type);
        spec.setSubscriptionDurability(durability);
        spec.setSubscriptionName("workers");
        spec.setMaxSession(4);
        spec.setMaxInFlight(2);
        harness.activate(mdb, spec);
        harness.awaitSubscribers(channel, 4);

        List<String> texts = IntStream.range(0, 40).mapToObj(i -> "m" + i).collect(Collectors.toList());
        harness.publish(channel, texts.toArray(new String[0]));

        await().atMost(PATIENCE).until(() -> mdb.texts().size() >= 40);
        assertThat(mdb.texts()).containsExactlyInAnyOrderElementsOf(texts);
        assertThat(overlaps).isEmpty();
        assertThat(mostAtOnce.get()).isGreaterThanOrEqualTo(2);
        assertThat(mdb.deliveries().stream().map(FakeEndpointFactory.Delivery::endpoint).distinct().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(mdb.deliveries().stream().map(FakeEndpointFactory.Delivery::thread).distinct().count())
                .isGreaterThanOrEqualTo(2);
        await().atMost(PATIENCE).until(() -> harness.server.pending(channel) == 0);
        assertThat(mdb.protocolErrors()).isEmpty();
    }
}
