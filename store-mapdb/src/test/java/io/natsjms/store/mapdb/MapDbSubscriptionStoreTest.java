package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.SubState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpointed form of subscriptions in {@code state.db}. */
class MapDbSubscriptionStoreTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointWrittenBeforeRedeliveryCountsWereKeptStillReads() throws Exception {
        SubState state = SubState.newBuilder().setID(4).setClientID("old").setLastSent(9).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.getSerializedSize());
            out.write(state.toByteArray());
            out.writeInt(2);
            out.writeLong(7);
            out.writeLong(9);
        }
        try (StateDb db = StateDb.open(dir)) {
            ChannelSlice<byte[]> table = db.subscriptions(1);
            table.put(4L, bytes.toByteArray());

            WriteAheadLog wal = new WriteAheadLog(FsyncPolicy.ALWAYS);
            try {
                MapDbSubscriptionStore subs = new MapDbSubscriptionStore(new StoreGuard(dir.toString()), "old", 1,
                        new LimitEnforcer("old", ChannelLimits.unlimited()), wal, table, 5, new SetAside(), "test");

                assertThat(subs.all()).containsExactly(new SubscriptionRecord(state, new TreeSet<>(List.of(7L, 9L))));
                assertThat(subs.all().get(0).redeliveryCounts()).isEmpty();
            } finally {
                wal.close();
            }
        }
    }
}
