package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Session;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a context asks of the classic connection under it: session creation, sharing, closing, starting. */
class NatsJMSContextTest {

    private final ClassicApiDouble classic = new ClassicApiDouble();

    @Test
    void createsOneSessionOnFirstUseWithItsMode() {
        JMSContext context = new NatsJMSContext(classic.connection(), JMSContext.SESSION_TRANSACTED);
        assertThat(classic.callNames()).isEmpty();

        context.createTextMessage("a");
        context.createBytesMessage();
        context.createProducer();

        assertThat(classic.callNames()).filteredOn(n -> n.equals("connection.createSession")).hasSize(1);
        assertThat(classic.last("connection.createSession").args()).containsExactly(Session.SESSION_TRANSACTED);
        assertThat(context.getTransacted()).isTrue();
        assertThat(context.getSessionMode()).isEqualTo(JMSContext.SESSION_TRANSACTED);
    }

    @Test
    void anInvalidSessionModeClosesTheHandedOverConnection() {
        assertThatThrownBy(() -> new NatsJMSContext(classic.connection(), 7))
                .isInstanceOf(JMSRuntimeException.class).hasMessageContaining("sessionMode: 7");
        assertThat(classic.callNames()).containsExactly("connection.close");
    }

    @Test
    void theConnectionClosesWithTheLastContextSharingIt() {
        JMSContext first = new NatsJMSContext(classic.connection(), JMSContext.AUTO_ACKNOWLEDGE);
        JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        JMSContext third = second.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
        first.createMessage();
        second.createMessage();

        first.close();
        assertThat(classic.callNames()).filteredOn(n -> !n.equals("session.createMessage"))
                .containsExactly("connection.createSession", "connection.createSession", "session.close");
        second.close();
        assertThat(classic.callNames()).doesNotContain("connection.close");
        third.close();
        third.close();

        assertThat(classic.callNames()).endsWith("session.close", "connection.close")
                .filteredOn(n -> n.equals("connection.close")).hasSize(1);
        assertThat(classic.calls()).filteredOn(c -> c.name().equals("connection.createSession"))
                .extracting(c -> c.args().get(0)).containsExactly(Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE);
    }

    @Test
    void aClosedContextRefusesEverythingButClose() {
        JMSContext context = new NatsJMSContext(classic.connection(), JMSContext.CLIENT_ACKNOWLEDGE);
        context.close();

        List<Consumer<JMSContext>> calls = List.of(JMSContext::createMessage, JMSContext::createProducer,
                c -> c.createContext(JMSContext.AUTO_ACKNOWLEDGE), JMSContext::getClientID,
                c -> c.setClientID("x"), JMSContext::getMetaData, JMSContext::start, JMSContext::stop,
                c -> c.setAutoStart(false), JMSContext::getAutoStart, JMSContext::acknowledge,
                JMSContext::commit, JMSContext::rollback, JMSContext::recover, JMSContext::getSessionMode,
                JMSContext::getTransacted, c -> c.createQueue("q"), c -> c.createTopic("t"),
                c -> c.unsubscribe("d"), JMSContext::createTemporaryQueue, JMSContext::getExceptionListener,
                c -> c.setExceptionListener(null));
        for (Consumer<JMSContext> call : calls) {
            assertThatThrownBy(() -> call.accept(context)).isInstanceOf(IllegalStateRuntimeException.class);
        }
        context.close();
        assertThat(classic.callNames()).containsExactly("connection.close");
    }

    @Test
    void theClientIdCanBeSetUntilTheConnectionIsShared() {
        JMSContext context = new NatsJMSContext(classic.connection(), JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("me");
        assertThat(classic.last("connection.setClientID").args()).containsExactly("me");

        JMSContext other = context.createContext(JMSContext.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> context.setClientID("again")).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(() -> other.setClientID("again")).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void consumersStartTheConnectionUnlessAutoStartIsOff() throws Exception {
        JMSContext context = new NatsJMSContext(classic.connection(), JMSContext.AUTO_ACKNOWLEDGE);
        assertThat(context.getAutoStart()).isTrue();
        context.setAutoStart(false);
        context.createConsumer(new io.natsjms.jms.destination.NatsChannelTopic("a"));
        assertThat(classic.callNames()).doesNotContain("connection.start");

        context.setAutoStart(true);
        context.createConsumer(new io.natsjms.jms.destination.NatsChannelTopic("b"));

        assertThat(classic.callNames()).endsWith("session.createConsumer", "connection.start");
    }

    @Test
    void acknowledgeWithoutConsumedMessagesOrOutsideClientAcknowledgeDoesNothing() {
        JMSContext auto = new NatsJMSContext(classic.connection(), JMSContext.AUTO_ACKNOWLEDGE);
        auto.acknowledge();
        JMSContext client = auto.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        client.acknowledge();

        assertThat(classic.callNames()).isEmpty();
    }
}
