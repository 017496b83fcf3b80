package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ServerInfo;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish the store saw fail can still be stored by JetStream (a timed-out publish stored late,
 * after a leader change). The stream is then the truth: the store must hold what the stream holds at
 * each sequence, not the messages it had appended itself, or subscribers would be given one message
 * and, after a restart, another under the same sequence.
 */
class JetStreamPublishFailureTest {

    @TempDir
    Path dir;
    private StandaloneStores stores;

    @BeforeEach
    void start() {
        stores = new StandaloneStores(dir, "late");
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    private static MsgProto message(String data) {
        return MsgProto.newBuilder().setSubject("orders").setData(ByteString.copyFromUtf8(data)).build();
    }

    @Test
    void aMessageStoredAfterItsPublishFailedReplacesTheOneAppendedHereUnderItsSequence() throws Exception {
        JetStreamStore store = stores.open(false);
        store.initServerInfo(ServerInfo.newBuilder().setClusterID("c").build());
        MessageStore orders = store.createChannel("orders").messages();
        for (int i = 1; i <= 3; i++) {
            orders.append(message("m" + i));
        }
        store.commit();
        MsgProto late = MsgProto.newBuilder(message("stored late")).setSequence(4).setTimestamp(
                orders.lookup(3).getTimestamp() + 1).build();
        storeBehindTheStoresBack(late);

        orders.append(message("appended here"));
        assertThatThrownBy(store::commit).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IO));

        assertThat(orders.lastSequence()).isEqualTo(4);
        assertThat(body(orders, 4)).as("the message the stream holds at 4").isEqualTo("stored late");
        assertThat(orders.append(message("next")).getSequence()).isEqualTo(5);
        store.commit();
        store.close();

        try (JetStreamStore reopened = stores.open(true)) {
            MessageStore recovered = reopened.recover().orElseThrow().channels().get("orders").channel().messages();
            List<String> bodies = new ArrayList<>();
            for (long seq = 1; seq <= recovered.lastSequence(); seq++) {
                bodies.add(body(recovered, seq));
            }
            assertThat(bodies).containsExactly("m1", "m2", "m3", "stored late", "next");
        }
    }

    /** Publishes {@code msg} to the channel's stream directly, as a late-stored publish would be. */
    private void storeBehindTheStoresBack(MsgProto msg) throws Exception {
        try (Connection connection = Nats.connect(stores.url())) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            String stream = jsm.getStreamNames().stream().filter(name -> name.startsWith("late_ch_")).findFirst()
                    .orElseThrow();
            StreamConfiguration config = jsm.getStreamInfo(stream).getConfiguration();
            connection.jetStream().publish(config.getSubjects().get(0), msg.toByteArray());
        }
    }

    private static String body(MessageStore messages, long sequence) {
        MsgProto msg = messages.lookup(sequence);
        return msg == null ? null : msg.getData().toString(StandardCharsets.UTF_8);
    }
}
