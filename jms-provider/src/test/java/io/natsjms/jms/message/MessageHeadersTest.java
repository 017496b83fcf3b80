package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void defaults() {
        NatsMessage message = new NatsMessage();
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(4);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSRedelivered()).isFalse();
        assertThat(message.deliveryCount()).isZero();
    }

    @Test
    void correlationIdStringAndBytesForms() {
        NatsMessage message = new NatsMessage();
        message.setJMSCorrelationID("abc");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = {1, 2, 3};
        message.setJMSCorrelationIDAsBytes(bytes);
        bytes[0] = 9;
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
        message.setJMSCorrelationID(null);
        assertThat(message.getJMSCorrelationID()).isNull();
        assertThat(message.getJMSCorrelationIDAsBytes()).isNull();
    }

    @Test
    void headersStayWritableAfterReceive() {
        NatsMessage message = new NatsMessage();
        message.markReceived();
        message.setJMSType("t");
        message.setJMSPriority(9);
        assertThat(message.getJMSType()).isEqualTo("t");
        assertThat(message.getJMSPriority()).isEqualTo(9);
    }

    @Test
    void acknowledgeDelegatesToTheAcknowledger() throws Exception {
        NatsMessage message = new NatsMessage();
        message.acknowledge();
        List<NatsMessage> acked = new ArrayList<>();
        message.setAcknowledger(acked::add);
        message.acknowledge();
        assertThat(acked).containsExactly(message);
    }

    @Test
    void deliveryCountMustBePositive() {
        assertThatThrownBy(() -> new NatsMessage().setDeliveryCount(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deliveryCount: 0");
    }

    @Test
    void plainMessageBodyIsNullForAnyType() throws Exception {
        NatsMessage message = new NatsMessage();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
        assertThat(message.getBody(Map.class)).isNull();
    }

    @Test
    void textBody() throws Exception {
        NatsTextMessage message = new NatsTextMessage();
        assertThat(message.getBody(Integer.class)).isNull();
        message.setText("hi");
        assertThat(message.getBody(String.class)).isEqualTo("hi");
        assertThat(message.getBody(Object.class)).isEqualTo("hi");
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Integer");
        message.markReceived();
        assertThatThrownBy(() -> message.setText("x")).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        assertThat(message.getText()).isNull();
        message.setText("again");
        assertThat(message.getText()).isEqualTo("again");
    }
}
