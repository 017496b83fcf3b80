package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.ext.AckBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queued acks ({@link StanSubscription#ackLater}): sent in batches through the natsjms extension, and
 * as plain Acks to a server without it.
 */
@ExtendWith(TestStanExtension.class)
class AckLaterIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int MESSAGES = 200;

    private static StanMessageHandler ackingLater() {
        return (subscription, message) -> {
            try {
                subscription.ackLater(message.sequence());
            } catch (StanException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static int pending(TestStan stan, String channel) {
        return stan.channel(channel).orElseThrow().subscriptions().get(0).pendingCount();
    }

    /** Records the AckBatch requests that go to {@code subject}, without answering them (the server does). */
    private static List<AckBatch> watch(Connection nats, String subject) {
        List<AckBatch> seen = new CopyOnWriteArrayList<>();
        Dispatcher dispatcher = nats.createDispatcher(msg -> {
            try {
                seen.add(AckBatch.parseFrom(msg.getData()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        });
        dispatcher.subscribe(subject);
        return seen;
    }

    @Test
    void queuedAcksGoInBatchesAndAcknowledgeEverything(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("batcher");
        try (Connection nats = Nats.connect(stan.url())) {
            List<AckBatch> batches = watch(nats, Extensions.acksSubject(connection.settings().discoverSubject()));
            nats.flush(Duration.ofSeconds(5));
            List<StanMessage> received = new CopyOnWriteArrayList<>();
            StanMessageHandler acking = ackingLater();
            connection.subscribe(SubscriptionSpec.of("ch").withMaxInFlight(64), (sub, message) -> {
                received.add(message);
                acking.onMessage(sub, message);
            });
            for (int i = 0; i < MESSAGES; i++) {
                connection.publish("ch", new byte[] {(byte) i});
            }

            await().atMost(WAIT).until(() -> received.size() == MESSAGES && pending(stan, "ch") == 0);
            await().atMost(WAIT).until(() -> batches.stream().mapToInt(AckBatch::getSequencesCount).sum() >= MESSAGES - 20);
            // a window of 64 makes batches of up to 16: far fewer requests than messages
            assertThat(batches.size()).isLessThan(MESSAGES / 4);
            assertThat(batches).allMatch(batch -> batch.getSequencesCount() <= 16);
            assertThat(received).noneMatch(StanMessage::redelivered);
            assertThat(connection.usesAckBatches()).isTrue();
        }
    }

    @Test
    void aSingleQueuedAckGoesOutAfterTheDelayWithoutAnythingElse(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("lonely");
        connection.subscribe(SubscriptionSpec.of("ch"), ackingLater());

        connection.publishSync("ch", new byte[] {1});

        await().atMost(WAIT).until(() -> stan.channel("ch").isPresent()
                && stan.channel("ch").orElseThrow().subscriptions().get(0).lastSent() == 1 && pending(stan, "ch") == 0);
    }

    @Test
    void closingTheConnectionSendsTheQueuedAcksFirst(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("closer");
        List<Long> received = new CopyOnWriteArrayList<>();
        StanSubscription subscription = connection.subscribe(SubscriptionSpec.of("ch").withDurableName("d"),
                (sub, message) -> received.add(message.sequence()));
        for (int i = 0; i < 5; i++) {
            connection.publishSync("ch", new byte[] {(byte) i});
        }
        await().atMost(WAIT).until(() -> received.size() == 5);

        for (long sequence : received) {
            subscription.ackLater(sequence);
        }
        connection.close();

        await().atMost(WAIT).until(() -> pending(stan, "ch") == 0);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).offline()).isTrue();
    }

    /**
     * An older server: the streaming server listens under another discover prefix and a relay passes only
     * ConnectRequests on, so the client's requests on the extension subjects find no responders.
     */
    @Test
    void withoutTheExtensionTheQueuedAcksGoAsPlainAcks(TestStan stan) throws Exception {
        stan.start(config -> config.discoverPrefix("_OLD.discover"));
        try (Connection relay = Nats.connect(stan.url())) {
            String hidden = Subjects.forCluster("_OLD.discover", TestStan.CLUSTER).discovery();
            Dispatcher forward = relay.createDispatcher(msg -> relay.publish(hidden, msg.getReplyTo(), msg.getData()));
            StanSettings settings = stan.settings("old").build();
            forward.subscribe(settings.discoverSubject());
            relay.flush(Duration.ofSeconds(5));
            StanConnection connection = stan.connect(settings, new StanConnectionListener() { });
            List<StanMessage> received = new CopyOnWriteArrayList<>();
            StanMessageHandler acking = ackingLater();
            connection.subscribe(SubscriptionSpec.of("ch").withMaxInFlight(64), (sub, message) -> {
                received.add(message);
                acking.onMessage(sub, message);
            });

            for (int i = 0; i < MESSAGES; i++) {
                connection.publish("ch", new byte[] {(byte) i});
            }

            await().atMost(WAIT).until(() -> received.size() == MESSAGES && pending(stan, "ch") == 0);
            assertThat(received).noneMatch(StanMessage::redelivered);
            assertThat(connection.usesAckBatches()).isFalse();
        }
    }
}
