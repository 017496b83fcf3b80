package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsObjectMessageTest {

    /** A class outside the default allow-list. */
    record Order(String id, int quantity) implements Serializable {
    }

    @Test
    void defaultAllowListAcceptsJdkValueTypes() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        ArrayList<Object> list = new ArrayList<>(List.of(1, "a", BigDecimal.TEN, Instant.EPOCH, new int[] {1}));
        m.setObject(list);
        list.add("later");
        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) m.getObject();
        assertThat(copy).hasSize(5).startsWith(1, "a", BigDecimal.TEN, Instant.EPOCH);
        assertThat(m.getBody(List.class)).hasSize(5);
    }

    @Test
    void refusedClassIsNamed() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        m.setObject(new Order("o1", 2));
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName()).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> m.getBody(Order.class)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName());
        assertThat(m.isBodyAssignableTo(Order.class)).isFalse();
    }

    @Test
    void refusedWhenNestedInAnAllowedContainer() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        m.setObject(new ArrayList<>(List.of(new Order("o1", 2))));
        assertThatThrownBy(m::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(Order.class.getName());
    }

    @Test
    void configuredAllowListAccepts() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        m.setObject(new Order("o1", 2));
        m.setClassAllowList(ClassAllowList.defaultsPlus("io.natsjms.jms.message"));
        assertThat(m.getObject()).isEqualTo(new Order("o1", 2));
        assertThat(m.getBody(Order.class)).isEqualTo(new Order("o1", 2));
        assertThat(m.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> m.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void allowListMatching() {
        ClassAllowList list = new ClassAllowList(List.of("com.acme", "org.x.Only"));
        assertThat(list.allows("com.acme.Order")).isTrue();
        assertThat(list.allows("com.acme.sub.Order")).isTrue();
        assertThat(list.allows("com.acmeevil.Order")).isFalse();
        assertThat(list.allows("org.x.Only")).isTrue();
        assertThat(list.allows("org.x.Other")).isFalse();
        assertThat(list.allows(int[][].class)).isTrue();
        assertThat(new ClassAllowList(List.of("*")).allows("any.Thing")).isTrue();
        assertThatThrownBy(() -> new ClassAllowList(List.of("com.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"com.\"");
    }

    @Test
    void nullBodyAndNonSerializableGraph() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        assertThat(m.getObject()).isNull();
        assertThat(m.getBody(Order.class)).isNull();
        ArrayList<Object> bad = new ArrayList<>(List.of(new Object()));
        assertThatThrownBy(() -> m.setObject(bad)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.util.ArrayList");
    }
}
