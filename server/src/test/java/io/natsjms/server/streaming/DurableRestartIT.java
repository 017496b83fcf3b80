package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A durable that was online when the server stopped is still the one durable of its name after the
 * restart: its client (reconnecting, or replaced by a new connection with the same client ID) resumes
 * it where it left off.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class DurableRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void aNewConnectionReplacingTheDeadClientResumesItsOnlineDurable(StanTestServer stan) throws Exception {
        RawStan dead = stan.raw();
        dead.connect("c");
        RawStan.Sub before = dead.subscribeOk(dead.subRequest("c", "x").setDurableName("d")
                .setStartPosition(StartPosition.First));
        dead.publishOk("c", "x", 2);
        await().atMost(WAIT).until(() -> before.received().size() == 2);
        dead.ack(before, 1);
        dead.ack(before, 2);
        await().atMost(WAIT).until(() -> durables(stan, "x").get(0).pendingCount() == 0);
        // the client's process dies: its heartbeat and delivery inboxes go with its NATS connection
        dead.close();

        stan.restartStreamingServer();

        RawStan publisher = stan.raw();
        publisher.connect("p");
        publisher.publishOk("p", "x", 2);
        RawStan raw = stan.raw();
        RawStan.Client replacement = raw.connect("c");
        assertThat(replacement.response().getError()).isEmpty();
        RawStan.Sub after = raw.subscribeOk(raw.subRequest("c", "x").setDurableName("d"));
        await().atMost(WAIT).until(() -> after.received().size() == 2);
        publisher.publishOk("p", "x", 1);
        await().atMost(WAIT).until(() -> after.received().size() == 3);
        // 3 and 4 went to the dead inbox before the replacement: they come again, flagged, then 5
        assertThat(after.sequences()).containsExactly(3L, 4L, 5L);
        assertThat(after.received()).extracting(MsgProto::getRedelivered).containsExactly(true, true, false);
        assertThat(durables(stan, "x")).singleElement().satisfies(d -> {
            assertThat(d.clientId()).isEqualTo("c");
            assertThat(d.offline()).isFalse();
            assertThat(d.inbox()).isEqualTo(after.inbox());
        });
        await().during(QUIET).atMost(WAIT).until(() -> after.received().size() == 3);
    }

    @Test
    void afterARestartARecoveredClientKeepsItsIdWhileAliveAndIsReplacedOnceDead(StanTestServer stan)
            throws Exception {
        RawStan old = stan.raw();
        RawStan.Client client = old.connect("c");
        stan.restartStreamingServer();

        RawStan other = stan.raw();
        assertThat(other.connect("c").response().getError()).isEqualTo(ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
        assertThat(stan.client("c").orElseThrow().hbInbox()).isEqualTo(client.hbInbox());
        old.kill(client);
        RawStan.Client replacement = other.connect("c");
        assertThat(replacement.response().getError()).isEmpty();
        assertThat(stan.client("c").orElseThrow().hbInbox()).isEqualTo(replacement.hbInbox());
        assertThat(other.ping(client.connId()).getError()).isEqualTo(ProtocolErrors.CLIENT_REPLACED);
        assertThat(other.ping(replacement.connId()).getError()).isEmpty();
    }

    @Test
    void theSameClientClosingItsOnlineDurableAfterARestartResumesIt(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("reader");
        List<Message> first = new CopyOnWriteArrayList<>();
        SubscriptionOptions durable = new SubscriptionOptions.Builder().durableName("d").deliverAllAvailable()
                .build();
        io.nats.streaming.Subscription sub = sc.subscribe("news", first::add, durable);
        sc.publish("news", bytes("n1"));
        await().atMost(WAIT).until(() -> first.size() == 1);
        await().atMost(WAIT).until(() -> durables(stan, "news").get(0).pendingCount() == 0);

        stan.restartStreamingServer();

        sub.close();
        sc.publish("news", bytes("n2"));
        List<Message> resumed = new CopyOnWriteArrayList<>();
        sc.subscribe("news", resumed::add, durable);
        sc.publish("news", bytes("n3"));
        await().atMost(WAIT).until(() -> resumed.size() == 2);
        assertThat(resumed).extracting(Message::getSequence).containsExactly(2L, 3L);
        assertThat(durables(stan, "news")).hasSize(1);
        await().during(QUIET).atMost(WAIT).until(() -> resumed.size() == 2);
    }

    private static List<ServerSnapshot.SubscriptionView> durables(StanTestServer stan, String channel) {
        return stan.channel(channel).orElseThrow().subscriptions().stream()
                .filter(ServerSnapshot.SubscriptionView::durable).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
