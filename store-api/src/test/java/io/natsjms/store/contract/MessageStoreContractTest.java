package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.Appended;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.MessageStore;
import io.natsjms.store.MessageStoreStats;
import io.natsjms.store.NewMessage;
import io.natsjms.store.Store;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link MessageStore}: sequences, timestamps, lookups, limits and stats. */
public abstract class MessageStoreContractTest extends StoreContractSupport {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private MessageStore messages(StoreLimits limits) {
        return openChannel(limits, "orders").messages();
    }

    private MessageStore messages() {
        return messages(StoreLimits.unlimited());
    }

    private static StoreLimits channelLimits(ChannelLimits limits) {
        return StoreLimits.unlimited().withChannelDefaults(limits);
    }

    private static long sumOfSizes(MessageStore store) {
        long sum = 0;
        for (long seq = store.firstSequence(); seq <= store.lastSequence(); seq++) {
            sum += store.lookup(seq).getSerializedSize();
        }
        return sum;
    }

    @Test
    void channelThatNeverHeldAMessageHasSequencesZero() {
        MessageStore store = messages();

        assertThat(store.firstSequence()).isZero();
        assertThat(store.lastSequence()).isZero();
        assertThat(store.stats()).isEqualTo(new MessageStoreStats(0, 0, 0, 0));
        assertThat(store.lookup(0)).isNull();
        assertThat(store.lookup(1)).isNull();
    }

    @Test
    void appendAssignsSequencesFromOneIgnoringTheGivenOne() {
        MessageStore store = messages();

        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sequences.add(store.append(message("m" + i).toBuilder().setSequence(99).build()).getSequence());
        }

        assertThat(sequences).containsExactly(1L, 2L, 3L);
        assertThat(store.firstSequence()).isEqualTo(1);
        assertThat(store.lastSequence()).isEqualTo(3);
    }

    /**
     * Messages for {@link MessageStore#append(NewMessage)}: with and without an extra field, an empty reply
     * and data, and a timestamp older than the one before (stored as the one before).
     */
    static List<NewMessage> newMessages(int count) {
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteString data = ByteString.copyFromUtf8(i % 7 == 0 ? "" : "payload \u00e9\u4e16 " + "x".repeat(i % 300));
            String reply = i % 3 == 0 ? "" : "_INBOX." + i;
            long timestamp = i % 11 == 5 ? T0 - SECOND : T0 + i * SECOND;
            messages.add(i % 2 == 0 ? NewMessage.of("orders", reply, data, timestamp)
                    : NewMessage.withExtraField("orders", reply, data, timestamp, 1000, "guid-" + i));
        }
        return messages;
    }

    @Test
    void appendOfANewMessageStoresWhatAppendOfItsMsgProtoStores() {
        Store store = open(channelLimits(ChannelLimits.unlimited().withMaxMsgs(350)));
        MessageStore byFields = store.createChannel("by-fields").messages();
        MessageStore byProto = store.createChannel("by-proto").messages();
        List<NewMessage> given = newMessages(400);

        List<Appended> appended = new ArrayList<>();
        for (NewMessage msg : given) {
            appended.add(byFields.append(msg));
            MsgProto expected = byProto.append(msg.toMsgProto(byProto.lastSequence() + 1, msg.timestamp()));
            assertThat(appended.get(appended.size() - 1))
                    .isEqualTo(new Appended(expected.getSequence(), expected.getTimestamp()));
        }

        assertThat(byFields.stats()).isEqualTo(byProto.stats());
        for (long seq = 1; seq <= given.size(); seq++) {
            // read both ways, in both orders: a store may serialize or parse on the first read
            if (seq % 2 == 0) {
                assertThat(byFields.lookupSerialized(seq)).as("sequence %d", seq).isEqualTo(byProto.lookupSerialized(seq));
                assertThat(byFields.lookup(seq)).as("sequence %d", seq).isEqualTo(byProto.lookup(seq));
            } else {
                assertThat(byFields.lookup(seq)).as("sequence %d", seq).isEqualTo(byProto.lookup(seq));
                assertThat(byFields.lookupSerialized(seq)).as("sequence %d", seq).isEqualTo(byProto.lookupSerialized(seq));
            }
        }
        assertThat(byFields.lookup(400).getTimestamp()).isEqualTo(T0 + 399 * SECOND);
        assertThat(byFields.firstSequence()).isEqualTo(51);
        assertThat(appended.get(5)).isEqualTo(new Appended(6, T0 + 4 * SECOND)); // asked for T0 - 1 s
    }

    @Test
    void lookupReturnsTheMessageAsStored() {
        MessageStore store = messages();
        MsgProto given = message(T0, "hello").toBuilder().setRedelivered(true).setRedeliveryCount(4).build();

        MsgProto stored = store.append(given);

        assertThat(stored).isEqualTo(given.toBuilder().setSequence(1).clearRedelivered().clearRedeliveryCount().build());
        assertThat(store.lookup(1)).isEqualTo(stored);
        assertThat(store.lookup(1).toByteArray()).isEqualTo(stored.toByteArray());
        assertThat(store.lookup(2)).isNull();
        assertThat(store.lookup(-1)).isNull();
    }


    /** The server builds each message with the next sequence: the store keeps it instead of copying it. */
    @Test
    void messageThatIsAlreadyAsStoredIsStoredWithoutACopy() {
        MessageStore store = messages();
        store.append(message(T0, "first"));
        MsgProto asStored = message(T0 + 1, "second").toBuilder().setSequence(2).build();

        MsgProto stored = store.append(asStored);

        assertThat(stored).isSameAs(asStored);
        assertThat(store.lookup(2)).isEqualTo(asStored);
    }

    @Test
    void messageWithTheNextSequenceButAnOlderTimestampIsStillStamped() {
        MessageStore store = messages();
        store.append(message(T0, "first"));
        MsgProto older = message(T0 - SECOND, "second").toBuilder().setSequence(2).setRedelivered(true).build();

        MsgProto stored = store.append(older);

        assertThat(stored.getSequence()).isEqualTo(2);
        assertThat(stored.getTimestamp()).isEqualTo(T0);
        assertThat(stored.getRedelivered()).isFalse();
        assertThat(store.lookup(2)).isEqualTo(stored);
    }
    /**
     * The serialized form is byte for byte what the stored message serializes to, for fresh messages
     * and for old ones a store may have to read back, including fields it does not know; none for
     * messages dropped by limits or never stored.
     */
    @Test
    void lookupSerializedIsTheStoredMessageSerialized() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxMsgs(500)));
        List<MsgProto> stored = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            stored.add(store.append(withUnknownField(message(T0 + i, "m" + i), 1000, "guid-" + i)));
        }

        for (MsgProto msg : stored) {
            byte[] serialized = store.lookupSerialized(msg.getSequence());
            if (msg.getSequence() <= 100) {
                assertThat(serialized).as("dropped sequence %d", msg.getSequence()).isNull();
            } else {
                assertThat(serialized).as("sequence %d", msg.getSequence()).isEqualTo(msg.toByteArray());
            }
        }
        assertThat(store.lookupSerialized(0)).isNull();
        assertThat(store.lookupSerialized(601)).isNull();
    }

    /** The server keeps a message's publish ID in a field of its own (for de-duplication after a restart). */
    @Test
    void fieldsTheStoreDoesNotKnowAreKept() {
        MessageStore store = messages();
        MsgProto given = withUnknownField(message(T0, "hello"), 1000, "guid-1");

        MsgProto stored = store.append(given);

        assertThat(stored.getUnknownFields()).isEqualTo(given.getUnknownFields());
        assertThat(store.lookup(1)).isEqualTo(stored);
        assertThat(store.lookup(1).getUnknownFields().getField(1000).getLengthDelimitedList())
                .containsExactly(ByteString.copyFromUtf8("guid-1"));
    }

    static MsgProto withUnknownField(MsgProto msg, int number, String value) {
        return msg.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(number,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(value)).build())
                .build()).build();
    }

    @Test
    void givenTimestampIsKeptWhenNotOlderThanTheLast() {
        MessageStore store = messages();

        assertThat(store.append(message(T0, "a")).getTimestamp()).isEqualTo(T0);
        assertThat(store.append(message(T0, "b")).getTimestamp()).isEqualTo(T0);
        assertThat(store.append(message(T0 + 5, "c")).getTimestamp()).isEqualTo(T0 + 5);
    }

    @Test
    void clockGoingBackReusesTheLastTimestamp() {
        MessageStore store = messages();
        store.append(message(T0, "a"));

        MsgProto back = store.append(message(T0 - SECOND, "b"));

        assertThat(back.getTimestamp()).isEqualTo(T0);
        assertThat(store.lookup(2).getTimestamp()).isEqualTo(T0);
    }

    @Test
    void missingTimestampIsNowButNeverBeforeTheLast() {
        MessageStore store = messages();
        long before = (System.currentTimeMillis() - 1) * 1_000_000L;

        long assigned = store.append(message("now")).getTimestamp();

        long after = (System.currentTimeMillis() + 1) * 1_000_000L;
        assertThat(assigned).isBetween(before, after);
        long future = after + 3600 * SECOND;
        store.append(message(future, "future"));
        assertThat(store.append(message("now again")).getTimestamp()).isEqualTo(future);
    }

    @Test
    void sequenceAtOrAfterFindsTheFirstMessageAtOrAfterATime() {
        MessageStore store = messages();
        assertThat(store.sequenceAtOrAfter(T0)).as("empty channel").isEqualTo(1);
        store.append(message(T0 + 100, "1"));
        store.append(message(T0 + 200, "2"));
        store.append(message(T0 + 200, "3"));
        store.append(message(T0 + 300, "4"));

        assertThat(store.sequenceAtOrAfter(0)).isEqualTo(1);
        assertThat(store.sequenceAtOrAfter(T0 + 100)).isEqualTo(1);
        assertThat(store.sequenceAtOrAfter(T0 + 101)).isEqualTo(2);
        assertThat(store.sequenceAtOrAfter(T0 + 200)).isEqualTo(2);
        assertThat(store.sequenceAtOrAfter(T0 + 250)).isEqualTo(4);
        assertThat(store.sequenceAtOrAfter(T0 + 300)).isEqualTo(4);
        assertThat(store.sequenceAtOrAfter(T0 + 301)).as("after the last").isEqualTo(5);
    }

    @Test
    void sequenceAtOrAfterSkipsDroppedMessages() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxMsgs(2)));
        for (int i = 1; i <= 5; i++) {
            store.append(message(T0 + i * 100, "m" + i));
        }

        assertThat(store.sequenceAtOrAfter(T0)).isEqualTo(4);
        assertThat(store.sequenceAtOrAfter(T0 + 450)).isEqualTo(5);
        assertThat(store.sequenceAtOrAfter(T0 + 600)).isEqualTo(6);
    }

    @Test
    void maxMsgsDropsTheOldest() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxMsgs(3)));
        List<MsgProto> stored = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            stored.add(store.append(message("m" + i)));
        }

        assertThat(store.firstSequence()).isEqualTo(3);
        assertThat(store.lastSequence()).isEqualTo(5);
        assertThat(store.lookup(1)).isNull();
        assertThat(store.lookup(2)).isNull();
        assertThat(store.lookup(3)).isEqualTo(stored.get(2));
        assertThat(store.stats()).isEqualTo(new MessageStoreStats(3, 5, 3, sumOfSizes(store)));
    }

    @Test
    void maxMsgsOfOneKeepsOnlyTheNewest() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxMsgs(1)));
        store.append(message("a"));
        MsgProto newest = store.append(message("b"));

        assertThat(store.stats().count()).isEqualTo(1);
        assertThat(store.firstSequence()).isEqualTo(2);
        assertThat(store.lookup(2)).isEqualTo(newest);
    }

    @Test
    void maxBytesDropsTheOldestUntilTheRestFits() {
        MsgProto probe = message(T0, "x".repeat(100)).toBuilder().setSequence(1).build();
        long size = probe.getSerializedSize();
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxBytes(size * 5 / 2)));
        List<MsgProto> stored = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stored.add(store.append(messageOfSize(T0, 100)));
        }

        MessageStoreStats stats = store.stats();
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.firstSequence()).isEqualTo(5);
        assertThat(stats.bytes()).isEqualTo(stored.get(4).getSerializedSize() + stored.get(5).getSerializedSize());
        assertThat(stats.bytes()).isEqualTo(sumOfSizes(store)).isLessThanOrEqualTo(size * 5 / 2);
    }

    @Test
    void messageLargerThanMaxBytesIsStillKept() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxBytes(10)));
        store.append(messageOfSize(T0, 500));
        MsgProto big = store.append(messageOfSize(T0, 1000));

        assertThat(store.stats()).isEqualTo(new MessageStoreStats(2, 2, 1, big.getSerializedSize()));
        assertThat(store.lookup(2)).isEqualTo(big);
    }

    @Test
    void maxMsgsAndMaxBytesApplyTogether() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxMsgs(4).withMaxBytes(1000)));
        for (int i = 0; i < 10; i++) {
            store.append(messageOfSize(T0, 10));
        }
        assertThat(store.stats().count()).isEqualTo(4);

        store.append(messageOfSize(T0, 600));
        store.append(messageOfSize(T0, 600));

        assertThat(store.stats().count()).isEqualTo(1);
        assertThat(store.firstSequence()).isEqualTo(12);
    }

    @Test
    void expireDropsMessagesOlderThanMaxAge() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxAge(Duration.ofSeconds(1))));
        store.append(message(T0, "a"));
        store.append(message(T0 + SECOND / 2, "b"));
        store.append(message(T0 + 2 * SECOND, "c"));

        assertThat(store.expire(T0 + SECOND / 2)).isZero();
        assertThat(store.expire(T0 + SECOND + SECOND / 5)).isEqualTo(1);
        assertThat(store.firstSequence()).isEqualTo(2);
        assertThat(store.lookup(1)).isNull();
        assertThat(store.stats().count()).isEqualTo(2);
        assertThat(store.stats().bytes()).isEqualTo(sumOfSizes(store));
    }

    @Test
    void whenEveryMessageExpiredFirstIsLastPlusOneAndSequencesContinue() {
        MessageStore store = messages(channelLimits(ChannelLimits.unlimited().withMaxAge(Duration.ofSeconds(1))));
        store.append(message(T0, "a"));
        store.append(message(T0, "b"));

        assertThat(store.expire(T0 + 10 * SECOND)).isEqualTo(2);

        assertThat(store.stats()).isEqualTo(new MessageStoreStats(3, 2, 0, 0));
        assertThat(store.lookup(2)).isNull();
        assertThat(store.sequenceAtOrAfter(0)).isEqualTo(3);
        assertThat(store.append(message(T0 + 11 * SECOND, "c")).getSequence()).isEqualTo(3);
        assertThat(store.firstSequence()).isEqualTo(3);
    }

    @Test
    void expireWithoutMaxAgeDropsNothing() {
        MessageStore store = messages();
        store.append(message(1, "ancient"));

        assertThat(store.expire(T0)).isZero();
        assertThat(store.stats().count()).isEqualTo(1);
    }

    @Test
    void statsCountWhatIsHeld() {
        MessageStore store = messages();
        MsgProto a = store.append(message("a"));
        MsgProto b = store.append(message("bb"));

        assertThat(store.stats())
                .isEqualTo(new MessageStoreStats(1, 2, 2, a.getSerializedSize() + b.getSerializedSize()));
    }

    @Test
    void channelsHaveIndependentSequences() {
        var store = open();
        MessageStore orders = store.createChannel("orders").messages();
        MessageStore payments = store.createChannel("payments").messages();

        orders.append(message("o1"));
        orders.append(message("o2"));

        assertThat(payments.append(message("p1")).getSequence()).isEqualTo(1);
        assertThat(orders.lastSequence()).isEqualTo(2);
    }

    @Test
    void concurrentAppendsGetDistinctSequencesAndOrderedTimestamps() throws Exception {
        MessageStore store = messages();
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        sequences.add(store.append(message("m" + i)).getSequence());
                    }
                    return sequences;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(store.lastSequence()).isEqualTo(threads * perThread);
            long previous = 0;
            for (long seq = 1; seq <= store.lastSequence(); seq++) {
                assertThat(store.lookup(seq).getTimestamp()).isGreaterThanOrEqualTo(previous);
                previous = store.lookup(seq).getTimestamp();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
