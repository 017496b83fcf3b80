package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that lost its lease while it believed it still held it (its lease entry gone, as after
 * expiry while it was paused) can no longer store anything: not messages of a channel the new holder
 * has not written yet, not a new channel, not a client; the new holder sees none of it.
 */
class JetStreamFencingTest {

    @TempDir
    Path dir;
    private StandaloneStores stores;

    @BeforeEach
    void start() {
        stores = new StandaloneStores(dir, "fenced");
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    private JetStreamStore open(boolean wait) {
        return stores.open(wait);
    }

    private static MsgProto message(String data) {
        return MsgProto.newBuilder().setSubject("orders").setData(ByteString.copyFromUtf8(data)).build();
    }

    @Test
    void anOldHolderCanWriteNothingOnceANewOneFencedIt() throws Exception {
        JetStreamStore old = open(false);
        old.initServerInfo(ServerInfo.newBuilder().setClusterID("c").build());
        MessageStore oldOrders = old.createChannel("orders").messages();
        oldOrders.append(message("one"));
        old.commit();

        try (Connection admin = Nats.connect(stores.url())) {
            admin.keyValue("fenced_lease").delete("holder");
        }
        JetStreamStore next = open(true);
        assertThat(next.epoch()).isGreaterThan(old.epoch());
        assertThat(old.isOwned()).as("the old holder has not noticed yet").isTrue();

        oldOrders.append(message("from the old holder"));
        assertThatThrownBy(old::commit).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IO));
        old.createChannel("late").messages().append(message("late"));
        old.addClient(ClientInfo.newBuilder().setID("ghost").build());
        assertThatThrownBy(old::commit).isInstanceOf(StoreException.class);

        MessageStore nextOrders = next.lookupChannel("orders").orElseThrow().messages();
        assertThat(nextOrders.lastSequence()).isEqualTo(1);
        assertThat(nextOrders.append(message("two")).getSequence()).isEqualTo(2);
        next.commit();
        next.close();
        old.close();

        RecoveredState state = open(false).recover().orElseThrow();
        assertThat(state.channels()).containsOnlyKeys("orders");
        assertThat(state.clients()).isEmpty();
        MessageStore orders = state.channels().get("orders").channel().messages();
        assertThat(orders.lastSequence()).isEqualTo(2);
        assertThat(orders.lookup(1).getData().toStringUtf8()).isEqualTo("one");
        assertThat(orders.lookup(2).getData().toStringUtf8()).isEqualTo("two");
    }

    @Test
    void aSecondServerWaitsForTheLeaseAndTakesOverWhenItIsReleased() throws Exception {
        JetStreamStore first = open(false);
        first.initServerInfo(ServerInfo.newBuilder().setClusterID("c").build());
        first.createChannel("orders").messages().append(message("one"));
        first.commit();

        var standby = java.util.concurrent.CompletableFuture.supplyAsync(() -> open(true));
        assertThatThrownBy(() -> standby.get(1, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        first.close();

        JetStreamStore second = standby.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(second.recover().orElseThrow().channels().get("orders").channel().messages().lastSequence())
                .isEqualTo(1);
    }
}
