package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscription set aside by the server (one it cannot restore) leaves the live set, also when the
 * store crashed before the next checkpoint (the journal replays it), and its record is kept in the
 * state file's {@code setAside} map under where it was and why.
 */
class MapDbSetAsideTest {

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 65536, 1L << 30,
                3_600_000);
    }

    @Test
    void aSubscriptionSetAsideIsKeptInTheStateFileAndDoesNotComeBackAfterACrash() {
        long bad;
        MapDbStore store = MapDbStore.open(config());
        ChannelStore channel = store.createChannel("orders");
        long good = channel.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("in").build())
                .getID();
        bad = channel.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("").build()).getID();
        store.commit();
        store.close(); // checkpointed with both subscriptions

        store = MapDbStore.open(config());
        store.lookupChannel("orders").orElseThrow().subscriptions().setAside(bad, "inbox is empty");
        store.commit();
        store.halt(); // crash: the set-aside is only in the journal

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.lookupChannel("orders").orElseThrow().subscriptions().all())
                    .extracting(r -> r.state().getID()).containsExactly(good);
        }
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.subscriptions(1)).containsOnlyKeys(good);
            assertThat(state.setAside).hasSize(1);
            assertThat(state.setAside.keySet().iterator().next()).contains("subscription " + bad)
                    .contains("inbox is empty").contains("orders");
        }
    }
}
