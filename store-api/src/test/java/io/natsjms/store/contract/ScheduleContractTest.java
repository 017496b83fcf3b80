package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.Store;
import io.natsjms.store.spb.ScheduledMsg;
import org.junit.jupiter.api.Test;

/**
 * The scheduled messages of a store ({@link MessageSchedule}): kept apart from their channel, found by
 * channel and guid, listed in due order, and for a persistent store brought back after a reopen exactly
 * as of the last commit, including the commit that moved a due one into its channel.
 */
public abstract class ScheduleContractTest extends StoreContractSupport {

    private static final long T0 = 1_700_000_000_000_000_000L;

    static ScheduledMsg scheduled(String channel, String guid, long dueTime) {
        return ScheduledMsg.newBuilder().setChannel(channel).setGuid(guid).setDueTime(dueTime)
                .setData(ByteString.copyFromUtf8("body of " + guid)).setReply("r." + guid).build();
    }

    @Test
    void putGetAndRemoveByChannelAndGuid() {
        MessageSchedule schedule = open().schedule();
        ScheduledMsg a = scheduled("orders", "g1", T0);
        ScheduledMsg sameGuidOtherChannel = scheduled("invoices", "g1", T0 + 5);
        schedule.put(a);
        schedule.put(sameGuidOtherChannel);

        assertThat(schedule.get("orders", "g1")).contains(a);
        assertThat(schedule.get("invoices", "g1")).contains(sameGuidOtherChannel);
        assertThat(schedule.get("orders", "g2")).isEmpty();
        assertThat(schedule.remove("orders", "g1")).isTrue();
        assertThat(schedule.remove("orders", "g1")).isFalse();
        assertThat(schedule.get("orders", "g1")).isEmpty();
        assertThat(schedule.all()).containsExactly(sameGuidOtherChannel);
    }

    @Test
    void aPutWithTheSameChannelAndGuidReplacesTheEntry() {
        MessageSchedule schedule = open().schedule();
        schedule.put(scheduled("orders", "g1", T0));
        ScheduledMsg later = scheduled("orders", "g1", T0 + 1_000);
        schedule.put(later);

        assertThat(schedule.all()).containsExactly(later);
    }

    @Test
    void allListsTheEarliestDueFirstThenByChannelAndGuid() {
        MessageSchedule schedule = open().schedule();
        ScheduledMsg third = scheduled("b", "g1", T0 + 2);
        ScheduledMsg first = scheduled("a", "g9", T0);
        ScheduledMsg second = scheduled("b", "g0", T0);
        ScheduledMsg fourth = scheduled("b", "g2", T0 + 2);
        for (ScheduledMsg msg : new ScheduledMsg[] {fourth, third, second, first}) {
            schedule.put(msg);
        }

        assertThat(schedule.all()).containsExactly(first, second, third, fourth);
    }

    @Test
    void aScheduledMessageIsNotInItsChannel() {
        Store store = open();
        ChannelStore channel = store.createChannel("orders");
        store.schedule().put(scheduled("orders", "g1", T0));

        assertThat(channel.messages().lastSequence()).isZero();
        assertThat(channel.messages().stats().count()).isZero();
    }

    @Test
    void scheduledMessagesOutliveTheirChannel() {
        Store store = open();
        store.createChannel("orders");
        ScheduledMsg msg = scheduled("orders", "g1", T0);
        store.schedule().put(msg);
        store.deleteChannel("orders");

        assertThat(store.schedule().all()).containsExactly(msg);
    }

    @Test
    void badEntriesAreRefusedNamingTheValue() {
        MessageSchedule schedule = open().schedule();

        assertThatThrownBy(() -> schedule.put(scheduled("orders.*", "g1", T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders.*");
        assertThatThrownBy(() -> schedule.put(scheduled("orders", "", T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guid");
        assertThatThrownBy(() -> schedule.put(scheduled("orders", "g1", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dueTime: 0");
        assertThat(schedule.all()).isEmpty();
    }

    @Test
    void committedEntriesComeBackAfterAReopen() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        Store store = open();
        store.recover();
        MessageSchedule schedule = store.schedule();
        ScheduledMsg kept = scheduled("orders", "kept", T0 + 10);
        ScheduledMsg replaced = scheduled("orders", "replaced", T0 + 20);
        schedule.put(kept);
        schedule.put(scheduled("orders", "replaced", T0));
        schedule.put(replaced);
        schedule.put(scheduled("orders", "removed", T0));
        store.commit();
        schedule.remove("orders", "removed");
        store.commit();
        store.close();

        assertThat(open().schedule().all()).containsExactly(kept, replaced);
    }

    @Test
    void aDueMessageMovedIntoItsChannelInOneCommitIsInExactlyOnePlaceAfterAReopen() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        Store store = open();
        store.recover();
        ChannelStore channel = store.createChannel("orders");
        ScheduledMsg due = scheduled("orders", "g1", T0);
        store.schedule().put(due);
        store.schedule().put(scheduled("orders", "g2", T0 + 1));
        store.commit();
        store.schedule().remove("orders", "g1");
        MsgProto appended = channel.messages().append(MsgProto.newBuilder().setSubject("orders")
                .setData(due.getData()).setTimestamp(T0).build());
        store.commit();
        store.close();

        Store reopened = open();
        assertThat(reopened.schedule().all()).extracting(ScheduledMsg::getGuid).containsExactly("g2");
        assertThat(reopened.lookupChannel("orders").orElseThrow().messages().lookup(appended.getSequence()))
                .isEqualTo(appended);
    }

    @Test
    void aRemovalAndAPutOfALaterRunAreRecoveredToo() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
        Store store = open();
        store.recover();
        ScheduledMsg committed = scheduled("orders", "g1", T0);
        store.schedule().put(committed);
        store.commit();
        store.close();

        Store again = open();
        again.schedule().remove("orders", "g1");
        again.commit();
        again.schedule().put(scheduled("orders", "g2", T0));
        again.commit();
        again.close();

        assertThat(open().schedule().all()).extracting(ScheduledMsg::getGuid).containsExactly("g2");
    }
}
