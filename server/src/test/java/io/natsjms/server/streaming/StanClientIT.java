package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official STAN Java client against our server, over a real nats-server. */
@ExtendWith(StanServerExtension.class)
class StanClientIT {

    private StanTestServer stan;

    @BeforeEach
    void init(StanTestServer stan) {
        this.stan = stan;
    }

    private StreamingConnection connect(String clientId) throws Exception {
        return stan.connect(clientId);
    }

    @Test
    void publishAndSubscribeFromTheFirstMessage() throws Exception {
        try (StreamingConnection sc = connect("client-1")) {
            for (int i = 1; i <= 3; i++) {
                sc.publish("orders", ("order-" + i).getBytes(StandardCharsets.UTF_8));
            }
            List<Message> received = new CopyOnWriteArrayList<>();
            Subscription sub = sc.subscribe("orders", received::add,
                    new SubscriptionOptions.Builder().deliverAllAvailable().build());

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertThat(received).extracting(Message::getSequence).containsExactly(1L, 2L, 3L);
            assertThat(new String(received.get(2).getData(), StandardCharsets.UTF_8)).isEqualTo("order-3");
            assertThat(received.get(0).getTimestamp()).isPositive();
            sub.unsubscribe();
        }
    }

    @Test
    void duplicateClientIdIsRejectedWhileTheFirstIsAlive() throws Exception {
        try (StreamingConnection first = connect("dup")) {
            assertThatThrownBy(() -> connect("dup")).hasMessageContaining("stan: clientID already registered");
        }
    }

    @Test
    void durableResumesWhereItLeftOff() throws Exception {
        List<Long> received = new CopyOnWriteArrayList<>();
        try (StreamingConnection sc = connect("durable-client")) {
            Subscription sub = sc.subscribe("events", m -> received.add(m.getSequence()),
                    new SubscriptionOptions.Builder().durableName("d1").deliverAllAvailable().build());
            sc.publish("events", new byte[] {1});
            sc.publish("events", new byte[] {2});
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            sub.close();
            sc.publish("events", new byte[] {3});
        }
        try (StreamingConnection sc = connect("durable-client")) {
            sc.subscribe("events", m -> received.add(m.getSequence()),
                    new SubscriptionOptions.Builder().durableName("d1").deliverAllAvailable().build());
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
            assertThat(received).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void unackedMessagesAreRedelivered() throws Exception {
        try (StreamingConnection sc = connect("redelivery")) {
            List<Message> received = new CopyOnWriteArrayList<>();
            sc.subscribe("work", received::add, new SubscriptionOptions.Builder().manualAcks()
                    .ackWait(Duration.ofSeconds(1)).build());
            sc.publish("work", new byte[] {7});

            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
            assertThat(received.get(0).isRedelivered()).isFalse();
            assertThat(received.get(1).isRedelivered()).isTrue();
            assertThat(received.get(1).getSequence()).isEqualTo(1L);
            received.get(1).ack();
        }
    }

    @Test
    void queueGroupDeliversEachMessageOnce() throws Exception {
        try (StreamingConnection a = connect("qa"); StreamingConnection b = connect("qb")) {
            List<Long> got = new CopyOnWriteArrayList<>();
            a.subscribe("jobs", "workers", m -> got.add(m.getSequence()));
            b.subscribe("jobs", "workers", m -> got.add(m.getSequence()));
            for (int i = 0; i < 20; i++) {
                a.publish("jobs", new byte[] {(byte) i});
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 20);
            assertThat(got).doesNotHaveDuplicates();
        }
    }
}
