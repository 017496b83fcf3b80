package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

class NatsBytesMessageTest {

    @Test
    void writesThenReadsEveryType() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -300);
        message.writeChar('z');
        message.writeInt(70000);
        message.writeLong(1L << 40);
        message.writeFloat(1.25f);
        message.writeDouble(2.5);
        message.writeUTF("héllo");
        message.writeBytes(new byte[] {1, 2, 3}, 1, 2);
        message.writeObject(42);
        message.reset();
        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readShort()).isEqualTo((short) -300);
        assertThat(message.readChar()).isEqualTo('z');
        assertThat(message.readInt()).isEqualTo(70000);
        assertThat(message.readLong()).isEqualTo(1L << 40);
        assertThat(message.readFloat()).isEqualTo(1.25f);
        assertThat(message.readDouble()).isEqualTo(2.5);
        assertThat(message.readUTF()).isEqualTo("héllo");
        byte[] two = new byte[2];
        assertThat(message.readBytes(two)).isEqualTo(2);
        assertThat(two).containsExactly(2, 3);
        assertThat(message.readInt()).isEqualTo(42);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void unsignedReads() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeByte((byte) -1);
        message.writeShort((short) -1);
        message.reset();
        assertThat(message.readUnsignedByte()).isEqualTo(255);
        assertThat(message.readUnsignedShort()).isEqualTo(65535);
    }

    @Test
    void readBytesChunksThenReturnsMinusOne() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(5);
        byte[] buffer = new byte[2];
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer, 1)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThatThrownBy(() -> message.readBytes(buffer, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void eofLeavesThePositionUnchanged() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeShort((short) 7);
        message.reset();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 7);
    }

    @Test
    void modesAreEnforced() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        message.writeInt(3);
        message.reset();
        assertThat(message.readInt()).isEqualTo(3);
    }

    @Test
    void writeObjectRules() {
        NatsBytesMessage message = new NatsBytesMessage();
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.writeObject(new java.util.Date()))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("java.util.Date");
    }

    @Test
    void bodyAsByteArrayRegardlessOfMode() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        assertThat(message.getBody(byte[].class)).isNull();
        message.writeBytes(new byte[] {9, 8});
        assertThat(message.getBody(byte[].class)).containsExactly(9, 8);
        message.reset();
        assertThat(message.readByte()).isEqualTo((byte) 9);
        assertThat(message.getBody(byte[].class)).containsExactly(9, 8);
        assertThat(message.readByte()).isEqualTo((byte) 8);
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void receivedMessageIsReadOnlyAtStart() throws Exception {
        NatsBytesMessage message = new NatsBytesMessage();
        message.writeInt(5);
        message.markReceived();
        assertThat(message.readInt()).isEqualTo(5);
        assertThatThrownBy(() -> message.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(5);
    }
}
