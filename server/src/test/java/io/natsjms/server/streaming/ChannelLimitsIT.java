package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Channel limits: messages, subscriptions, channels, per-channel overrides, inactivity and age (docs/protocol.md#channel-limits). */
@ExtendWith(StanServerExtension.class)
class ChannelLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    @StanConfig(maxMsgs = 3)
    void maxMsgsDropsTheOldestAndSubscribersSkipToTheFirstAvailable(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        RawStan.Sub slow = raw.subscribeOk(raw.subRequest("l", "ch").setMaxInFlight(1));
        raw.publishOk("l", "ch", 6);

        ServerSnapshot.ChannelView channel = stan.channel("ch").orElseThrow();
        assertThat(channel.msgs()).isEqualTo(3);
        assertThat(channel.firstSeq()).isEqualTo(4);
        assertThat(channel.lastSeq()).isEqualTo(6);
        await().atMost(WAIT).until(() -> slow.received().size() == 1);
        raw.ack(slow, 1);
        await().atMost(WAIT).until(() -> slow.received().size() == 2);
        assertThat(slow.sequences()).containsExactly(1L, 4L);
    }

    @Test
    @StanConfig(maxMsgs = 2)
    void pendingMessagesDroppedByLimitsAreNotRedelivered(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("l", "ch").setAckWaitInSecs(1).setMaxInFlight(1));
        raw.publishOk("l", "ch", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        raw.publishOk("l", "ch", 2);

        await().atMost(WAIT).until(() -> sub.sequences().contains(2L));
        assertThat(sub.sequences()).containsExactly(1L, 2L);
        assertThat(sub.received().get(1).getRedelivered()).isFalse();
    }

    @Test
    @StanConfig(maxBytes = 200)
    void maxBytesDropsTheOldestButKeepsTheNewest(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        for (int i = 0; i < 10; i++) {
            raw.publish(raw.pubMsg("l", "ch", "x".repeat(50)));
        }
        raw.publish(raw.pubMsg("l", "ch", "y".repeat(500)));

        ServerSnapshot.ChannelView channel = stan.channel("ch").orElseThrow();
        assertThat(channel.msgs()).isEqualTo(1);
        assertThat(channel.firstSeq()).isEqualTo(11);
    }

    @Test
    @StanConfig(maxSubs = 2)
    void maxSubsCountsEveryKindOfSubscription(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.subscribeOk(raw.subRequest("l", "plain"));
        raw.subscribeOk(raw.subRequest("l", "plain"));
        assertThat(raw.subscribe(raw.subRequest("l", "plain")).getError()).isEqualTo(ProtocolErrors.TOO_MANY_SUBSCRIPTIONS);

        RawStan.Sub durable = raw.subscribeOk(raw.subRequest("l", "dur").setDurableName("d1"));
        raw.closeSubscription("l", "dur", durable.ackInbox());
        raw.subscribeOk(raw.subRequest("l", "dur").setDurableName("d2"));
        assertThat(raw.subscribe(raw.subRequest("l", "dur").setDurableName("d3")).getError())
                .isEqualTo(ProtocolErrors.TOO_MANY_SUBSCRIPTIONS);
        assertThat(raw.subscribe(raw.subRequest("l", "dur").setDurableName("d1")).getError()).isEmpty();

        raw.subscribeOk(raw.subRequest("l", "queue").setQGroup("g"));
        raw.subscribeOk(raw.subRequest("l", "queue").setQGroup("g"));
        assertThat(raw.subscribe(raw.subRequest("l", "queue").setQGroup("g")).getError())
                .isEqualTo(ProtocolErrors.TOO_MANY_SUBSCRIPTIONS);
        assertThat(raw.subscribe(raw.subRequest("l", "queue").setQGroup("g").setDurableName("dq")).getError())
                .isEqualTo(ProtocolErrors.TOO_MANY_SUBSCRIPTIONS);
        assertThat(stan.channel("queue").orElseThrow().subscriptions()).hasSize(2);
    }

    @Test
    @StanConfig(maxChannels = 2)
    void maxChannelsRejectsNewChannelsOnPublishAndSubscribe(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.publishOk("l", "one", 1);
        raw.subscribeOk(raw.subRequest("l", "two"));

        assertThat(raw.publish(raw.pubMsg("l", "three", "x")).getError()).isEqualTo(ProtocolErrors.TOO_MANY_CHANNELS);
        assertThat(raw.subscribe(raw.subRequest("l", "three")).getError()).isEqualTo(ProtocolErrors.TOO_MANY_CHANNELS);
        assertThat(stan.snapshot().channels()).extracting(ServerSnapshot.ChannelView::name)
                .containsExactly("one", "two");
        raw.publishOk("l", "two", 1);
    }

    @Test
    void perChannelOverridesApplyByNameAndPattern(StanTestServer stan) throws Exception {
        stan.restart(b -> b.storeLimits(StoreLimits.defaults()
                .withChannelDefaults(ChannelLimits.defaults().withMaxMsgs(5))
                .withOverrides(Map.of(
                        "small", ChannelLimits.inherit().withMaxMsgs(2),
                        "big.*", ChannelLimits.inherit().withMaxMsgs(-1),
                        "big.tiny", ChannelLimits.inherit().withMaxMsgs(1)))));
        RawStan raw = stan.raw();
        raw.connect("l");
        for (String channel : new String[] {"small", "default", "big.one", "big.tiny"}) {
            raw.publishOk("l", channel, 8);
        }

        assertThat(stan.channel("small").orElseThrow().msgs()).isEqualTo(2);
        assertThat(stan.channel("default").orElseThrow().msgs()).isEqualTo(5);
        assertThat(stan.channel("big.one").orElseThrow().msgs()).isEqualTo(8);
        assertThat(stan.channel("big.tiny").orElseThrow().msgs()).isEqualTo(1);
    }

    @Test
    @StanConfig(maxInactivityMillis = 400)
    void anIdleChannelWithoutActiveSubscriptionsIsDeleted(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.publishOk("l", "idle", 1);
        RawStan.Sub active = raw.subscribeOk(raw.subRequest("l", "watched"));
        RawStan.Sub durable = raw.subscribeOk(raw.subRequest("l", "offline").setDurableName("d"));
        raw.closeSubscription("l", "offline", durable.ackInbox());

        await().atMost(WAIT).until(() -> stan.channel("idle").isEmpty() && stan.channel("offline").isEmpty());
        await().during(QUIET).atMost(WAIT).until(() -> stan.channel("watched").isPresent());

        raw.unsubscribe("l", "watched", active.ackInbox());
        await().atMost(WAIT).until(() -> stan.channel("watched").isEmpty());

        raw.publishOk("l", "idle", 1);
        assertThat(stan.channel("idle").orElseThrow().firstSeq()).isEqualTo(1);
        assertThat(stan.channel("idle").orElseThrow().subscriptions()).isEmpty();
    }

    @Test
    // long enough that the channel made by the failed subscribe is still there when checked on a loaded machine
    @StanConfig(maxInactivityMillis = 1500)
    void channelsLeftIdleByAConnectionCloseOrAFailedSubscribeAreDeleted(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.connect("leaver");
        raw.subscribeOk(raw.subRequest("leaver", "left"));
        assertThat(raw.subscribe(raw.subRequest("l", "failed").setQGroup("g").setDurableName("a:b")).getError())
                .isEqualTo(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME);
        assertThat(stan.channel("failed")).isPresent();
        await().during(QUIET).atMost(WAIT).until(() -> stan.channel("left").isPresent());

        raw.close("leaver");

        await().atMost(WAIT).until(() -> stan.channel("left").isEmpty() && stan.channel("failed").isEmpty());
    }

    @Test
    void maxAgeCanBeSetPerChannel(StanTestServer stan) throws Exception {
        stan.restart(b -> b.storeLimits(StoreLimits.defaults().withOverrides(Map.of(
                "short.>", ChannelLimits.inherit().withMaxAge(Duration.ofMillis(300))))));
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.publishOk("l", "short.lived", 2);
        raw.publishOk("l", "long", 2);

        await().atMost(WAIT).until(() -> stan.channel("short.lived").orElseThrow().msgs() == 0);
        assertThat(stan.channel("long").orElseThrow().msgs()).isEqualTo(2);
    }

    @Test
    @StanConfig(maxInactivityMillis = 600)
    void publishesKeepAChannelAlive(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            raw.publishOk("l", "busy", 1);
            assertThat(stan.channel("busy")).isPresent();
            return System.nanoTime() > end;
        });
        await().atMost(WAIT).until(() -> stan.channel("busy").isEmpty());
    }

    @Test
    @StanConfig(maxAgeMillis = 500)
    void messagesOlderThanMaxAgeExpire(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("l");
        raw.publishOk("l", "aging", 3);
        assertThat(stan.channel("aging").orElseThrow().msgs()).isEqualTo(3);

        await().atMost(WAIT).until(() -> stan.channel("aging").orElseThrow().msgs() == 0);
        raw.publishOk("l", "aging", 1);
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("l", "aging").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(sub.received()).extracting(MsgProto::getSequence).containsExactly(4L);
        await().atMost(WAIT).until(() -> stan.channel("aging").orElseThrow().msgs() == 0);
    }
}
