package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsMapMessageTest {

    @Test
    void conversions() throws Exception {
        NatsMapMessage m = new NatsMapMessage();
        m.setByte("b", (byte) 1);
        m.setChar("c", 'c');
        m.setFloat("f", 1.5f);
        m.setString("s", "12");
        m.setBytes("bytes", new byte[] {1, 2, 3}, 1, 2);
        m.setBoolean("bool", true);
        assertThat(m.getLong("b")).isEqualTo(1L);
        assertThat(m.getString("b")).isEqualTo("1");
        assertThatThrownBy(() -> m.getChar("b")).isInstanceOf(MessageFormatException.class);
        assertThat(m.getChar("c")).isEqualTo('c');
        assertThat(m.getString("c")).isEqualTo("c");
        assertThatThrownBy(() -> m.getInt("c")).isInstanceOf(MessageFormatException.class);
        assertThat(m.getDouble("f")).isEqualTo(1.5);
        assertThat(m.getInt("s")).isEqualTo(12);
        assertThatThrownBy(() -> m.getChar("s")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.getBytes("s")).isInstanceOf(MessageFormatException.class);
        assertThat(m.getBytes("bytes")).containsExactly(2, 3);
        assertThatThrownBy(() -> m.getString("bytes")).isInstanceOf(MessageFormatException.class);
        assertThat(m.getString("bool")).isEqualTo("true");
        assertThatThrownBy(() -> m.getInt("bool")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void missingEntries() throws Exception {
        NatsMapMessage m = new NatsMapMessage();
        assertThat(m.itemExists("x")).isFalse();
        assertThat(m.getString("x")).isNull();
        assertThat(m.getBytes("x")).isNull();
        assertThat(m.getObject("x")).isNull();
        assertThat(m.getBoolean("x")).isFalse();
        assertThatThrownBy(() -> m.getInt("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getChar("x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void namesObjectsAndBody() throws Exception {
        NatsMapMessage m = new NatsMapMessage();
        assertThat(m.getBody(Map.class)).isNull();
        m.setObject("i", 1);
        m.setObject("c", 'x');
        m.setObject("n", null);
        assertThatThrownBy(() -> m.setObject("o", new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.setInt("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Collections.list(m.getMapNames())).containsExactly("i", "c", "n");
        assertThat(m.getBody(Map.class)).containsEntry("i", 1).containsEntry("c", 'x').containsKey("n");
        assertThat(m.isBodyAssignableTo(String.class)).isFalse();
    }

    @Test
    void readOnlyAfterReceiveUntilCleared() throws Exception {
        NatsMapMessage m = new NatsMapMessage();
        m.setInt("i", 1);
        m.markReceived();
        assertThatThrownBy(() -> m.setInt("j", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(m.getInt("i")).isEqualTo(1);
        m.clearBody();
        assertThat(m.itemExists("i")).isFalse();
        m.setInt("j", 2);
        assertThat(m.getInt("j")).isEqualTo(2);
    }
}
