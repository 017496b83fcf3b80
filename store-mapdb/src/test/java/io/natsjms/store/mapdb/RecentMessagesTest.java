package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.NewMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {

    /** Parses what the ring serialized (an unchecked failure, for use inside an assertion). */
    private static final class MsgProtoOf {
        static MsgProto parse(byte[] bytes) {
            try {
                return MsgProto.parseFrom(bytes);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static MsgProto message(long sequence) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject("c").build();
    }

    @Test
    void aMessageKeptUnserializedIsSerializedOnceWhenFirstAskedFor() {
        RecentMessages recent = new RecentMessages(4);
        NewMessage msg = NewMessage.withExtraField("c", "r", ByteString.copyFromUtf8("data"), 7, 1000, "g");
        byte[] expected = msg.toByteArray(5, 9);
        recent.put(5, msg, 9);
        recent.put(6, msg, 10);
        recent.put(7, msg, 11);

        assertThat(recent.get(5)).isEqualTo(msg.toMsgProto(5, 9)).isSameAs(recent.get(5));
        assertThat(recent.getSerialized(5)).isEqualTo(expected).isSameAs(recent.getSerialized(5));
        assertThat(recent.getSerialized(6)).isEqualTo(msg.toByteArray(6, 10)).isSameAs(recent.getSerialized(6));
        assertThat(recent.get(6)).isEqualTo(msg.toMsgProto(6, 10));
        assertThat(recent.get(4)).isNull();

        recent.remove(7);
        assertThat(recent.get(7)).isNull();
        assertThat(recent.getSerialized(7)).isNull();
        recent.put(9, message(9).toByteArray()); // takes the slot of 5
        assertThat(recent.get(5)).isNull();
        assertThat(recent.get(9)).isEqualTo(message(9));
        recent.put(13, msg, 12); // and back
        assertThat(recent.getSerialized(13)).isEqualTo(msg.toByteArray(13, 12));
        assertThat(recent.get(9)).isNull();
    }

    @Test
    void keepsTheLastCapacityMessagesOnly() {
        RecentMessages recent = new RecentMessages(4);
        for (long seq = 1; seq <= 6; seq++) {
            recent.put(seq, message(seq).toByteArray());
        }

        assertThat(recent.get(1)).isNull();
        assertThat(recent.get(2)).isNull();
        assertThat(recent.get(3)).isEqualTo(message(3)).isSameAs(recent.get(3));
        assertThat(recent.getSerialized(3)).isEqualTo(message(3).toByteArray());
        assertThat(recent.getSerialized(2)).isNull();
        assertThat(recent.get(6).getSequence()).isEqualTo(6);
        assertThat(recent.get(7)).isNull();
        assertThat(recent.get(0)).isNull();
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new RecentMessages(6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 6 (expected: a power of two)");
    }

    /**
     * Appends, rollbacks (the newest sequences removed, then appended again), trims of the oldest and
     * clears, at random, against the insertion-ordered map of the last capacity messages the store used
     * to keep: every sequence around the window answers the same.
     */
    @Test
    void agreesWithABoundedInsertionOrderedMap() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("RecentMessagesTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        int capacity = 16;
        RecentMessages recent = new RecentMessages(capacity);
        Map<Long, MsgProto> model = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, MsgProto> eldest) {
                return size() > capacity;
            }
        };
        long last = 0;
        long first = 1;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(20);
            if (op < 14) {
                last++;
                MsgProto msg = message(last);
                recent.put(last, msg.toByteArray());
                model.put(last, msg);
            } else if (op < 17 && last >= first) {
                long cut = Math.max(first - 1, last - random.nextInt(4));
                for (long seq = cut + 1; seq <= last; seq++) {
                    recent.remove(seq);
                    model.remove(seq);
                }
                last = cut;
            } else if (op < 19 && first <= last) {
                recent.remove(first);
                model.remove(first);
                first++;
            } else if (random.nextInt(50) == 0) {
                recent.clear();
                model.clear();
            }
            for (long seq = Math.max(0, last - 2L * capacity); seq <= last + 2; seq++) {
                assertThat(recent.get(seq)).as("seed %d, step %d, sequence %d", seed, step, seq)
                        .isEqualTo(model.get(seq));
                byte[] serialized = recent.getSerialized(seq);
                assertThat(serialized == null ? null : MsgProtoOf.parse(serialized)).isEqualTo(model.get(seq));
            }
        }
    }
}
