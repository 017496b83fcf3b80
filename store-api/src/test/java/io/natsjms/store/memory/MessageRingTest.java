package io.natsjms.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.protocol.pb.MsgProto;
import org.junit.jupiter.api.Test;

class MessageRingTest {

    private static MsgProto msg(long sequence) {
        return MsgProto.newBuilder().setSequence(sequence).build();
    }

    @Test
    void keepsOrderAcrossWrapAroundGrowthAndShrink() {
        MessageRing ring = new MessageRing();
        long next = 1;
        long oldest = 1;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 100; i++) {
                ring.addLast(msg(next++));
            }
            for (int i = 0; i < 90; i++) {
                assertThat(ring.removeFirst().getSequence()).isEqualTo(oldest++);
            }
            for (int i = 0; i < ring.size(); i++) {
                assertThat(ring.get(i).getSequence()).isEqualTo(oldest + i);
            }
        }
        assertThat(ring.size()).isEqualTo(50);
        while (ring.size() > 0) {
            assertThat(ring.removeFirst().getSequence()).isEqualTo(oldest++);
        }
        assertThat(oldest).isEqualTo(next);
    }

    @Test
    void outOfRangeIndexFails() {
        MessageRing ring = new MessageRing();
        ring.addLast(msg(1));

        assertThatThrownBy(() -> ring.get(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("1");
        ring.removeFirst();
        assertThatThrownBy(ring::removeFirst).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
