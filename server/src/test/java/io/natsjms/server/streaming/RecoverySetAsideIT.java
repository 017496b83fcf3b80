package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.SubState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records an older version could store but the engine cannot serve (inboxes nobody can send to, two
 * records of one durable) never stop a restart: each is set aside or comes back in the state it can be
 * served in, nothing of it is deleted, and the rest of the server works.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class RecoverySetAsideIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Every test writes records into the MapDB directory itself. */
    @BeforeEach
    void storesInMapDb(StanTestServer stan) {
        MapDbDirectory.require(stan);
    }

    @Test
    void unusableRecordsAreSetAsideAndEverythingElseComesBack(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("old");
        raw.publishOk("old", "ch", 3);
        stan.stopStreamingServer();
        long plainId;
        long staleDupId;
        try (Store store = openStore(stan)) {
            store.addClient(ClientInfo.newBuilder().setID("badhb").setHbInbox("a b")
                    .setConnID(ByteString.copyFromUtf8("conn-badhb")).setProtocol(1).build());
            SubscriptionStore subs = store.lookupChannel("ch").orElseThrow().subscriptions();
            SubState plain = subs.create(sub("old", "", 1).build());
            subs.addPending(plain.getID(), 1);
            plainId = plain.getID();
            SubState durable = subs.create(sub("old", "a b", 2).setDurableName("d").setIsDurable(true).build());
            subs.addPending(durable.getID(), 2);
            subs.create(sub("badhb", "_INBOX.badhb", 3).setDurableName("d").setIsDurable(true).build());
            staleDupId = subs.create(sub("old", "_INBOX.stale", 1).setDurableName("dup").setIsDurable(true)
                    .setIsClosed(true).build()).getID();
            subs.create(sub("old", "_INBOX.dup", 3).setDurableName("dup").setIsDurable(true).build());
            store.commit();
        }

        stan.restartStreamingServer();

        assertThat(stan.snapshot().clients()).extracting(ServerSnapshot.ClientView::id).containsExactly("old");
        List<ServerSnapshot.SubscriptionView> subs = stan.channel("ch").orElseThrow().subscriptions();
        assertThat(subs).extracting(s -> s.clientId() + "/" + s.durableName() + "/"
                        + (s.offline() ? "offline" : "online"))
                .containsExactlyInAnyOrder("old/d/offline", "badhb/d/offline", "old/dup/online");

        // the client whose heartbeat inbox was unusable connects at once and resumes its durable
        RawStan.Client badhb = raw.connect("badhb");
        assertThat(badhb.response().getError()).isEmpty();
        RawStan.Sub resumedBad = raw.subscribeOk(raw.subRequest("badhb", "ch").setDurableName("d"));
        // the durable whose inbox was unusable resumes with a new one: its pending message first
        RawStan.Sub resumedOld = raw.subscribeOk(raw.subRequest("old", "ch").setDurableName("d"));
        raw.publishOk("old", "ch", 1);
        await().atMost(WAIT).until(() -> resumedBad.received().size() == 1 && resumedOld.received().size() == 3);
        assertThat(resumedBad.sequences()).containsExactly(4L);
        assertThat(resumedOld.sequences()).containsExactly(2L, 3L, 4L);
        assertThat(resumedOld.received()).extracting(MsgProto::getRedelivered).containsExactly(true, false, false);

        stan.stopStreamingServer();
        try (Store store = openStore(stan)) {
            RecoveredState state = store.recover().orElseThrow();
            assertThat(state.channels().get("ch").subscriptions()).extracting(r -> r.state().getID())
                    .contains(plainId, staleDupId);
            SubscriptionRecord plain = state.channels().get("ch").subscriptions().stream()
                    .filter(r -> r.state().getID() == plainId).findFirst().orElseThrow();
            assertThat(plain.state().getInbox()).isEmpty();
            assertThat(plain.pending()).containsExactly(1L);
        }
        stan.restartStreamingServer();
        assertThat(stan.channel("ch").orElseThrow().msgs()).isEqualTo(4);
    }

    private static SubState.Builder sub(String clientId, String inbox, long lastSent) {
        return SubState.newBuilder().setClientID(clientId).setInbox(inbox)
                .setAckInbox("_INBOX.acks-" + lastSent + "-" + Math.abs(inbox.hashCode())).setMaxInFlight(10).setAckWaitInSecs(30).setLastSent(lastSent);
    }

    private static Store openStore(StanTestServer stan) {
        return StoreProvider.named("mapdb").open(StoreConfig.at(stan.config().dataDir(), stan.config().storeLimits()));
    }
}
