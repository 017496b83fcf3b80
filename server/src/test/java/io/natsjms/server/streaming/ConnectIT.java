package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connect, client IDs, duplicate detection and replacement, client PINGs and connection close (docs/protocol.md#connecting). */
@ExtendWith(StanServerExtension.class)
class ConnectIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void connectResponseNamesTheClusterSubjectsAndEchoesPingSettings(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        ConnectResponse response = raw.connectRaw(ConnectRequest.newBuilder().setClientID("c1")
                .setHeartbeatInbox(raw.newInbox()).setProtocol(1).setConnID(ByteString.copyFromUtf8("conn-1"))
                .setPingInterval(-100).setPingMaxOut(2).build().toByteArray());

        assertThat(response.getError()).isEmpty();
        assertThat(response.getPubPrefix()).isEqualTo("_STAN.pub.conformance");
        assertThat(response.getSubRequests()).isEqualTo(stan.subjects().subscribe());
        assertThat(response.getUnsubRequests()).isEqualTo(stan.subjects().unsubscribe());
        assertThat(response.getSubCloseRequests()).isEqualTo(stan.subjects().subClose());
        assertThat(response.getCloseRequests()).isEqualTo(stan.subjects().close());
        assertThat(response.getProtocol()).isEqualTo(1);
        assertThat(response.getPingRequests()).isEqualTo("_STAN.discover.conformance.pings");
        assertThat(response.getPingInterval()).isEqualTo(-100);
        assertThat(response.getPingMaxOut()).isEqualTo(2);
    }

    @Test
    void protocolZeroClientsGetNoPingSettings(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        ConnectResponse response = raw.connectRaw(ConnectRequest.newBuilder().setClientID("old")
                .setHeartbeatInbox(raw.newInbox()).setPingInterval(5).setPingMaxOut(3).build().toByteArray());

        assertThat(response.getError()).isEmpty();
        assertThat(response.getProtocol()).isEqualTo(1);
        assertThat(response.getPingRequests()).isEmpty();
        assertThat(response.getPingInterval()).isZero();
    }

    @Test
    void invalidConnectRequestsAreRejected(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        assertThat(raw.connectRaw(RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_CONNECT_REQUEST);
        assertThat(raw.connectRaw(ConnectRequest.newBuilder().setClientID("no-hb").build().toByteArray())
                .getError()).isEqualTo(ProtocolErrors.INVALID_CONNECT_REQUEST);
        for (String id : List.of("", "with space", "with:colon", "with,comma", "with.dot", "bang!", "é")) {
            ConnectResponse response = raw.connectRaw(ConnectRequest.newBuilder().setClientID(id)
                    .setHeartbeatInbox(raw.newInbox()).build().toByteArray());
            assertThat(response.getError()).as("client ID \"%s\"", id).isEqualTo(ProtocolErrors.INVALID_CLIENT_ID);
        }
        for (String id : List.of("id", "id_with_underscores", "id-with-hyphens", "ID42")) {
            assertThat(raw.connect(id).response().getError()).as("client ID \"%s\"", id).isEmpty();
        }
        assertThat(stan.snapshot().clients()).hasSize(4);
    }

    @Test
    void duplicateClientIdIsRejectedWhileTheFirstAnswersHeartbeats(StanTestServer stan) throws Exception {
        StreamingConnection first = stan.connect("dup");

        assertThatThrownBy(() -> stan.connect("dup")).hasMessageContaining(ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
        assertThat(stan.snapshot().clients()).hasSize(1);
        first.publish("still-works", new byte[] {1});
    }

    @Test
    void clientWhoseNatsConnectionIsGoneIsReplacedAtOnce(StanTestServer stan) throws Exception {
        Connection nc = Nats.connect(stan.natsUrl());
        stan.connect("crash", o -> o.natsConn(nc));
        String oldHbInbox = stan.client("crash").orElseThrow().hbInbox();
        nc.close();

        long start = System.nanoTime();
        StreamingConnection second = stan.connect("crash");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isLessThan(1500);
        assertThat(stan.client("crash").orElseThrow().hbInbox()).isNotEqualTo(oldHbInbox);
        second.publish("after-crash", new byte[] {1});
    }

    @Test
    void silentClientIsReplacedAfterTheDuplicateCheckTimeout(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        RawStan.Client old = raw.connect("silent");
        old.alive().set(false); // still subscribed, never answers: the probe times out

        long start = System.nanoTime();
        RawStan.Client replacement = raw.connect("silent");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(replacement.response().getError()).isEmpty();
        assertThat(elapsedMillis).isBetween(400L, 3000L);
        assertThat(stan.client("silent").orElseThrow().hbInbox()).isEqualTo(replacement.hbInbox());
    }

    @Test
    void secondConnectDuringTheDuplicateCheckFailsAtOnce(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        RawStan.Client old = raw.connect("busy");
        old.alive().set(false);
        byte[] request = ConnectRequest.newBuilder().setClientID("busy").setHeartbeatInbox(raw.newInbox())
                .build().toByteArray();

        CompletableFuture<Message> probing = raw.nc.request(stan.subjects().discovery(), request);
        CompletableFuture<Message> concurrent = raw.nc.request(stan.subjects().discovery(), request);

        ConnectResponse second = ConnectResponse.parseFrom(concurrent.get(5, java.util.concurrent.TimeUnit.SECONDS)
                .getData());
        assertThat(second.getError()).isEqualTo(ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
        assertThat(probing.isDone()).isFalse();
        ConnectResponse first = ConnectResponse.parseFrom(probing.get(5, java.util.concurrent.TimeUnit.SECONDS)
                .getData());
        assertThat(first.getError()).isEmpty();
    }

    @Test
    void replacedClientLosesItsNonDurableSubscriptionsAndItsDurablesGoOffline(StanTestServer stan)
            throws Exception {
        RawStan raw = stan.raw();
        RawStan.Client old = raw.connect("phoenix");
        raw.subscribeOk(raw.subRequest("phoenix", "ch"));
        raw.subscribeOk(raw.subRequest("phoenix", "ch").setDurableName("dur"));
        raw.kill(old);

        raw.connect("phoenix");

        List<ServerSnapshot.SubscriptionView> subs = stan.channel("ch").orElseThrow().subscriptions();
        assertThat(subs).singleElement().satisfies(s -> {
            assertThat(s.durableName()).isEqualTo("dur");
            assertThat(s.offline()).isTrue();
        });
    }

    @Test
    void pingsAreAnsweredForTheCurrentConnectionOnly(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        RawStan.Client old = raw.connect("pinger");
        assertThat(raw.ping(old.connId()).getError()).isEmpty();
        assertThat(raw.ping(ByteString.copyFromUtf8("nobody")).getError()).isEqualTo(ProtocolErrors.CLIENT_REPLACED);

        raw.kill(old);
        RawStan.Client current = raw.connect("pinger");

        assertThat(raw.ping(current.connId()).getError()).isEmpty();
        assertThat(raw.ping(old.connId()).getError()).isEqualTo(ProtocolErrors.CLIENT_REPLACED);
        assertThat(raw.publish(raw.pubMsg("pinger", "ch", "late").setConnID(old.connId())).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(raw.publish(raw.pubMsg("pinger", "ch", "now").setConnID(current.connId())).getError())
                .isEmpty();
    }

    @Test
    void emptyOrUndecodablePingsGetNoReply(StanTestServer stan) throws Exception {
        Connection nc = stan.natsConnection();
        assertThat(nc.request(stan.subjects().pings(), new byte[0], Duration.ofMillis(300))).isNull();
        assertThat(nc.request(stan.subjects().pings(), RawStan.GARBAGE, Duration.ofMillis(300))).isNull();
    }

    @Test
    void closeRemovesTheClientAndUnknownClientsAreRejected(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("closer");
        assertThat(raw.closeRaw(RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_CLOSE_REQUEST);
        assertThat(raw.close("stranger").getError()).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);

        assertThat(raw.close("closer").getError()).isEmpty();
        assertThat(stan.snapshot().clients()).isEmpty();
        assertThat(raw.close("closer").getError()).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
        assertThat(raw.connect("closer").response().getError()).isEmpty();
    }

    @Test
    void officialClientCloseUnregistersAndFreesTheId(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("java");
        assertThat(stan.client("java")).isPresent();
        sc.close();
        await().atMost(WAIT).until(() -> stan.client("java").isEmpty());
        stan.connect("java").close();
    }
}
