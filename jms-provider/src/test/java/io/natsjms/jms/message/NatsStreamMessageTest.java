package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

class NatsStreamMessageTest {

    private static NatsStreamMessage readable(Object... items) throws Exception {
        NatsStreamMessage message = new NatsStreamMessage();
        for (Object item : items) {
            message.writeObject(item);
        }
        message.reset();
        return message;
    }

    @Test
    void conversionTable() throws Exception {
        NatsStreamMessage m = readable(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6.0, "7", new byte[] {8});
        assertThatThrownBy(m::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(m.readString()).isEqualTo("true");
        assertThatThrownBy(m::readBoolean).isInstanceOf(MessageFormatException.class);
        assertThat(m.readLong()).isEqualTo(1L);
        assertThatThrownBy(m::readByte).isInstanceOf(MessageFormatException.class);
        assertThat(m.readInt()).isEqualTo(2);
        assertThatThrownBy(m::readShort).isInstanceOf(MessageFormatException.class);
        assertThat(m.readChar()).isEqualTo('c');
        assertThatThrownBy(m::readShort).isInstanceOf(MessageFormatException.class);
        assertThat(m.readLong()).isEqualTo(3L);
        assertThatThrownBy(m::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(m.readLong()).isEqualTo(4L);
        assertThatThrownBy(m::readLong).isInstanceOf(MessageFormatException.class);
        assertThat(m.readDouble()).isEqualTo(5.0);
        assertThatThrownBy(m::readFloat).isInstanceOf(MessageFormatException.class);
        assertThat(m.readDouble()).isEqualTo(6.0);
        assertThat(m.readShort()).isEqualTo((short) 7);
        assertThatThrownBy(m::readString).isInstanceOf(MessageFormatException.class);
        assertThat((byte[]) m.readObject()).containsExactly(8);
        assertThatThrownBy(m::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void charReadsOnlyAsCharOrString() throws Exception {
        NatsStreamMessage m = readable('x', "y");
        assertThatThrownBy(m::readInt).isInstanceOf(MessageFormatException.class);
        assertThat(m.readChar()).isEqualTo('x');
        assertThatThrownBy(m::readChar).isInstanceOf(MessageFormatException.class);
        assertThat(m.readString()).isEqualTo("y");
    }

    @Test
    void failedNumberConversionLeavesPositionUnchanged() throws Exception {
        NatsStreamMessage m = readable("abc", 1);
        assertThatThrownBy(m::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readDouble).isInstanceOf(NumberFormatException.class);
        assertThat(m.readString()).isEqualTo("abc");
        assertThat(m.readInt()).isEqualTo(1);
    }

    @Test
    void nullItemConversions() throws Exception {
        NatsStreamMessage m = readable((Object) null);
        assertThatThrownBy(m::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readChar).isInstanceOf(NullPointerException.class);
        assertThat(m.readBoolean()).isFalse();
        m.reset();
        assertThat(m.readString()).isNull();
        m.reset();
        assertThat(m.readBytes(new byte[1])).isEqualTo(-1);
        assertThatThrownBy(m::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesInChunks() throws Exception {
        NatsStreamMessage m = readable(new byte[] {1, 2, 3, 4, 5}, new byte[] {6, 7}, new byte[0], 9);
        byte[] buffer = new byte[2];
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThatThrownBy(m::readObject).isInstanceOf(MessageFormatException.class);
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(m.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        // exact fit: the field needs one more call returning -1
        assertThat(m.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(6, 7);
        assertThat(m.readBytes(buffer)).isEqualTo(-1);
        assertThat(m.readBytes(buffer)).isZero();
        assertThat(m.readInt()).isEqualTo(9);
    }

    @Test
    void readBytesOnWrongTypeLeavesPosition() throws Exception {
        NatsStreamMessage m = readable("s");
        assertThatThrownBy(() -> m.readBytes(new byte[1])).isInstanceOf(MessageFormatException.class);
        assertThat(m.readString()).isEqualTo("s");
    }

    @Test
    void modesAreEnforced() throws Exception {
        NatsStreamMessage m = new NatsStreamMessage();
        m.writeInt(1);
        assertThatThrownBy(m::readInt).isInstanceOf(MessageNotReadableException.class);
        m.reset();
        assertThatThrownBy(() -> m.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        m.clearBody();
        assertThat(m.items()).isEmpty();
        m.writeInt(3);
        m.reset();
        assertThat(m.readInt()).isEqualTo(3);
    }

    @Test
    void writeObjectRefusesOtherTypesAndBodyIsNeverAssignable() throws Exception {
        NatsStreamMessage m = new NatsStreamMessage();
        assertThatThrownBy(() -> m.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThat(m.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> m.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void writtenBytesAreCopied() throws Exception {
        byte[] data = {1, 2};
        NatsStreamMessage m = new NatsStreamMessage();
        m.writeBytes(data);
        data[0] = 9;
        m.reset();
        assertThat((byte[]) m.readObject()).containsExactly(1, 2);
    }
}
