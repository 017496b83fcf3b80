package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageSelectorTest {

    private static NatsMessage message() throws Exception {
        NatsMessage m = new NatsTextMessage("body");
        m.setJMSMessageID("ID:abc");
        m.setJMSType("order");
        m.setJMSCorrelationID("corr-1");
        m.setJMSPriority(7);
        m.setJMSTimestamp(1000L);
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setStringProperty("color", "red");
        m.setIntProperty("quantity", 5);
        m.setByteProperty("small", (byte) 2);
        m.setDoubleProperty("price", 9.5);
        m.setBooleanProperty("urgent", true);
        m.setStringProperty("code", "A_1");
        m.setDeliveryCount(3);
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "color = 'red'|true",
            "color <> 'red'|false",
            "quantity > 4 AND price < 10|true",
            "quantity BETWEEN 1 AND 5|true",
            "quantity NOT BETWEEN 1 AND 5|false",
            "small * 2 = 4|true",
            "color IN ('blue', 'red')|true",
            "color NOT IN ('blue', 'red')|false",
            "color LIKE 'r%'|true",
            "color LIKE 'r_d'|true",
            "code LIKE 'A\\_%' ESCAPE '\\'|true",
            "code LIKE 'AX%'|false",
            "urgent|true",
            "urgent = FALSE|false",
            "missing IS NULL|true",
            "color IS NOT NULL|true",
            "missing = 1|false",
            "NOT (missing = 1)|false",
            "missing = 1 OR color = 'red'|true",
            "JMSType = 'order'|true",
            "JMSPriority >= 7|true",
            "JMSDeliveryMode = 'NON_PERSISTENT'|true",
            "JMSDeliveryMode = 'PERSISTENT'|false",
            "JMSMessageID = 'ID:abc'|true",
            "JMSCorrelationID = 'corr-1'|true",
            "JMSTimestamp = 1000|true",
            "JMSXDeliveryCount = 3|true",
            "quantity = '5'|false",
    })
    void evaluates(String selector, boolean expected) throws Exception {
        assertThat(MessageSelector.compile(selector).matches(message())).as(selector).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"color = ", "a == 1", "color = 'red", "(a = 1", "a IN ()", "XPATH '//a'"})
    void invalidSyntaxNamesTheSelector(String selector) {
        assertThatThrownBy(() -> MessageSelector.compile(selector)).isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("\"" + selector + "\"");
    }

    @Test
    void emptySelectsAll() throws Exception {
        assertThat(MessageSelector.compile(null).selectsAll()).isTrue();
        assertThat(MessageSelector.compile("  ").matches(message())).isTrue();
        assertThat(MessageSelector.compile("a = 1").text()).isEqualTo("a = 1");
    }

    @Test
    void nullHeadersAreUnknown() throws Exception {
        NatsMessage m = new NatsMessage();
        assertThat(MessageSelector.compile("JMSType IS NULL").matches(m)).isTrue();
        assertThat(MessageSelector.compile("JMSCorrelationID = 'x'").matches(m)).isFalse();
        assertThat(MessageSelector.compile("JMSDeliveryMode = 'PERSISTENT'").matches(m)).isTrue();
    }
}
