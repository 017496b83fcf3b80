package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyConversionTest {

    private final NatsMessage message = new NatsMessage();

    @Test
    void booleanReadsAsBooleanAndStringOnly() throws Exception {
        message.setBooleanProperty("p", true);
        assertThat(message.getBooleanProperty("p")).isTrue();
        assertThat(message.getStringProperty("p")).isEqualTo("true");
        assertThat(message.getObjectProperty("p")).isEqualTo(Boolean.TRUE);
        assertThatThrownBy(() -> message.getByteProperty("p")).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("property p").hasMessageContaining("Boolean");
        assertThatThrownBy(() -> message.getIntProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void byteWidensToShortIntLong() throws Exception {
        message.setByteProperty("p", (byte) 7);
        assertThat(message.getByteProperty("p")).isEqualTo((byte) 7);
        assertThat(message.getShortProperty("p")).isEqualTo((short) 7);
        assertThat(message.getIntProperty("p")).isEqualTo(7);
        assertThat(message.getLongProperty("p")).isEqualTo(7L);
        assertThat(message.getStringProperty("p")).isEqualTo("7");
        assertThatThrownBy(() -> message.getBooleanProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("p")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("p")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void shortIntLongNeverNarrow() throws Exception {
        message.setShortProperty("s", (short) 1);
        message.setIntProperty("i", 2);
        message.setLongProperty("l", 3L);
        assertThat(message.getIntProperty("s")).isEqualTo(1);
        assertThat(message.getLongProperty("i")).isEqualTo(2L);
        assertThat(message.getStringProperty("l")).isEqualTo("3");
        assertThatThrownBy(() -> message.getByteProperty("s")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("i")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("l")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("i")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void floatWidensToDoubleOnly() throws Exception {
        message.setFloatProperty("f", 1.5f);
        message.setDoubleProperty("d", 2.5);
        assertThat(message.getDoubleProperty("f")).isEqualTo(1.5);
        assertThat(message.getStringProperty("f")).isEqualTo("1.5");
        assertThat(message.getDoubleProperty("d")).isEqualTo(2.5);
        assertThatThrownBy(() -> message.getFloatProperty("d")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("f")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void stringConvertsThroughValueOf() throws Exception {
        message.setStringProperty("n", "12");
        message.setStringProperty("b", "TRUE");
        message.setStringProperty("x", "abc");
        assertThat(message.getByteProperty("n")).isEqualTo((byte) 12);
        assertThat(message.getShortProperty("n")).isEqualTo((short) 12);
        assertThat(message.getIntProperty("n")).isEqualTo(12);
        assertThat(message.getLongProperty("n")).isEqualTo(12L);
        assertThat(message.getFloatProperty("n")).isEqualTo(12f);
        assertThat(message.getDoubleProperty("n")).isEqualTo(12.0);
        assertThat(message.getBooleanProperty("b")).isTrue();
        assertThat(message.getBooleanProperty("x")).isFalse();
        assertThatThrownBy(() -> message.getIntProperty("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("x")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void missingPropertyConvertsAsValueOfNull() throws Exception {
        assertThat(message.propertyExists("none")).isFalse();
        assertThat(message.getObjectProperty("none")).isNull();
        assertThat(message.getStringProperty("none")).isNull();
        assertThat(message.getBooleanProperty("none")).isFalse();
        assertThatThrownBy(() -> message.getByteProperty("none")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("none")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("none")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("none")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("none")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("none")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void objectPropertyAcceptsOnlyPropertyTypes() throws Exception {
        message.setObjectProperty("i", 5);
        assertThat(message.getObjectProperty("i")).isEqualTo(5);
        assertThatThrownBy(() -> message.setObjectProperty("c", 'c')).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("property c").hasMessageContaining("Character");
        assertThatThrownBy(() -> message.setObjectProperty("b", new byte[1])).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("o", new Object())).isInstanceOf(MessageFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "NULL", "true", "Not", "AND", "or", "BETWEEN", "like", "IN", "is",
            "ESCAPE", "JMSXFoo"})
    void invalidNamesAreRefused(String name) {
        assertThatThrownBy(() -> message.setIntProperty(name, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("property name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "abc123", "JMSXGroupID", "JMSXGroupSeq", "JMS_vendor", "Nullable"})
    void validNamesAreAccepted(String name) throws Exception {
        message.setIntProperty(name, 1);
        assertThat(message.propertyExists(name)).isTrue();
    }

    @Test
    void nullNameIsRefused() {
        assertThatThrownBy(() -> message.setStringProperty(null, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilCleared() throws Exception {
        message.setStringProperty("a", "x");
        message.markReceived();
        assertThatThrownBy(() -> message.setStringProperty("b", "y")).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> message.setObjectProperty("b", 1)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.getStringProperty("a")).isEqualTo("x");
        message.clearProperties();
        assertThat(message.propertyExists("a")).isFalse();
        message.setStringProperty("b", "y");
        assertThat(message.getStringProperty("b")).isEqualTo("y");
    }

    @Test
    void deliveryCountIsListedAndSurvivesClearProperties() throws Exception {
        message.setStringProperty("a", "x");
        message.setDeliveryCount(2);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("a", "JMSXDeliveryCount");
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(message.getJMSRedelivered()).isTrue();
        message.clearProperties();
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("JMSXDeliveryCount");
        assertThat(message.propertyExists("JMSXDeliveryCount")).isTrue();
    }

    @Test
    void nullStringPropertyExists() throws Exception {
        message.setStringProperty("s", null);
        assertThat(message.propertyExists("s")).isTrue();
        assertThat(message.getStringProperty("s")).isNull();
    }
}
