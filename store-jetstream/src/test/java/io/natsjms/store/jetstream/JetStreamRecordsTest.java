package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ScheduledMsg;
import io.natsjms.store.spb.SubState;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the JetStream store must keep byte for byte although it does not interpret it: a message's
 * fields it does not know (the publish guid in field 1000), a queue member's selector and a queue
 * group's parking record with its parked messages; and scheduled messages, whose keys may hold any
 * guid and whose writes an earlier lease holder can no longer make.
 */
class JetStreamRecordsTest {

    private static final long DUE = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private StandaloneStores stores;

    @BeforeEach
    void start() {
        stores = new StandaloneStores(dir, "records");
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    private JetStreamStore open(boolean wait) {
        return stores.open(wait);
    }

    private static ScheduledMsg scheduled(String channel, String guid) {
        return ScheduledMsg.newBuilder().setChannel(channel).setGuid(guid).setDueTime(DUE)
                .setData(ByteString.copyFromUtf8("body of " + guid)).build();
    }

    @Test
    void theGuidOfAMessageInAnUnknownFieldComesBackFromTheStreamUnchanged() {
        JetStreamStore store = open(false);
        MsgProto given = MsgProto.newBuilder().setSubject("orders").setData(ByteString.copyFromUtf8("hello"))
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(1000, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("guid-1")).build()).build())
                .build();
        MsgProto stored = store.createChannel("orders").messages().append(given);
        store.commit();
        store.close();

        MsgProto reread = open(false).lookupChannel("orders").orElseThrow().messages().lookup(stored.getSequence());
        assertThat(reread).isEqualTo(stored);
        assertThat(reread.getUnknownFields().getField(1000).getLengthDelimitedList())
                .containsExactly(ByteString.copyFromUtf8("guid-1"));
    }

    @Test
    void aSelectorAndAParkingRecordWithItsParkedMessagesComeBack() {
        JetStreamStore store = open(false);
        ChannelStore channel = store.createChannel("orders");
        for (int i = 1; i <= 3; i++) {
            channel.messages().append(MsgProto.newBuilder().setSubject("orders")
                    .setData(ByteString.copyFromUtf8("m" + i)).build());
        }
        SubState member = channel.subscriptions().create(SubState.newBuilder().setClientID("c1").setQGroup("workers")
                .setInbox("in.1").setAckInbox("ack.1").setMaxInFlight(10).setAckWaitInSecs(30)
                .setSelector("color = 'red' AND weight > 2").build());
        SubState parking = channel.subscriptions().create(SubState.newBuilder().setQGroup("workers")
                .setIsParking(true).build());
        channel.subscriptions().addPending(parking.getID(), 1);
        channel.subscriptions().addPending(parking.getID(), 3);
        store.commit();
        store.close();

        List<SubscriptionRecord> recovered = open(false).recover().orElseThrow().channels().get("orders")
                .subscriptions();
        assertThat(recovered).extracting(SubscriptionRecord::state).containsExactlyInAnyOrder(member,
                parking.toBuilder().setLastSent(3).build());
        SubscriptionRecord parked = recovered.stream().filter(r -> r.state().getIsParking()).findFirst()
                .orElseThrow();
        assertThat(parked.pending()).containsExactly(1L, 3L);
        assertThat(recovered.stream().filter(r -> !r.state().getIsParking()).findFirst().orElseThrow().state()
                .getSelector()).isEqualTo("color = 'red' AND weight > 2");
    }

    @Test
    void aGuidWithCharactersAKeyMayNotHoldIsScheduledAndComesBack() {
        JetStreamStore store = open(false);
        ScheduledMsg odd = scheduled("orders.eu", "id with spaces/*>ü.");
        ScheduledMsg plain = scheduled("orders", "eu id with spaces/*>ü.");
        store.schedule().put(odd);
        store.schedule().put(plain);
        store.commit();
        store.close();

        JetStreamStore reopened = open(false);
        assertThat(reopened.schedule().get("orders.eu", "id with spaces/*>ü.")).contains(odd);
        assertThat(reopened.schedule().all()).containsExactlyInAnyOrder(odd, plain);
    }

    @Test
    void anOldHolderCanNeitherScheduleNorUnscheduleOnceFenced() throws Exception {
        JetStreamStore old = open(false);
        old.createChannel("orders");
        old.schedule().put(scheduled("orders", "due"));
        old.commit();

        try (Connection admin = Nats.connect(stores.url())) {
            admin.keyValue("records_lease").delete("holder");
        }
        JetStreamStore next = open(true);
        old.schedule().remove("orders", "due");
        old.schedule().put(scheduled("orders", "ghost"));
        // two pipelined writes: the fence took the sequence the first expected, which the second expects
        assertThatThrownBy(old::commit).isInstanceOf(StoreException.class);
        next.close();
        old.close();

        JetStreamStore last = open(false);
        assertThat(last.schedule().all()).extracting(ScheduledMsg::getGuid).containsExactly("due");
        assertThat(last.lookupChannel("orders").orElseThrow().messages().lastSequence()).isZero();
    }

    private static MsgProto withGuid(String guid, long timestamp) {
        return MsgProto.newBuilder().setSubject("orders").setTimestamp(timestamp)
                .setData(ByteString.copyFromUtf8("body of " + guid))
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(JetStreamMessageSchedule.GUID_FIELD,
                        UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(guid)).build())
                        .build())
                .build();
    }

    @Test
    void aDueMoveWhoseRemovalWasNotWrittenIsCompletedAtRecovery() {
        JetStreamStore store = open(false);
        ChannelStore orders = store.createChannel("orders");
        store.schedule().put(scheduled("orders", "moved"));
        ScheduledMsg notYet = scheduled("orders", "not yet").toBuilder().setDueTime(DUE + 1_000_000_000L).build();
        store.schedule().put(notYet);
        store.commit();
        // the message of the due move is stored, the removal of its entry is lost (a crash in between);
        // a message with the other entry's guid but from before its due time is not its move
        MsgProto moved = orders.messages().append(withGuid("moved", DUE + 5));
        orders.messages().append(withGuid("not yet", DUE + 6));
        store.commit();
        store.close();

        JetStreamStore reopened = open(false);
        assertThat(reopened.schedule().all()).containsExactly(notYet);
        assertThat(reopened.lookupChannel("orders").orElseThrow().messages().lookup(moved.getSequence()))
                .isEqualTo(moved);
        reopened.commit();
        reopened.close();

        assertThat(open(false).schedule().all()).as("the removal was committed").containsExactly(notYet);
    }
}
