package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default ConnectionFactory and JMSContext beans on Weld SE, against an in-process server. */
class DefaultBeansIT {

    private static final long WAIT_MILLIS = 10_000;

    @RegisterExtension
    static final CdiTestServer SERVER = new CdiTestServer();

    @RegisterExtension
    final NatsjmsProperties properties = new NatsjmsProperties();

    @BeforeEach
    void pointAtServer() {
        SERVER.configure(properties);
    }

    @Test
    void sendsWithTheInjectedContextAndReceivesWithTheInjectedFactory() {
        try (WeldContainer weld = new Weld().initialize()) {
            Mailbox mailbox = weld.select(Mailbox.class).get();

            mailbox.send("cdi-orders", "order 1");
            mailbox.send("cdi-orders", "order 2");

            assertThat(mailbox.receiveWithFactory("cdi-orders", WAIT_MILLIS)).isEqualTo("order 1");
            assertThat(mailbox.receive("cdi-orders", WAIT_MILLIS)).isEqualTo("order 2");
        }
    }

    @Test
    void eachRequestGetsAContextWithTheConfiguredClientId() {
        properties.set("natsjms.clientId", "mailbox");
        try (WeldContainer weld = new Weld().initialize()) {
            Mailbox mailbox = weld.select(Mailbox.class).get();

            // a STAN client ID is connected once at a time: the second request connects only because the
            // first request's context was closed when the request ended
            assertThat(mailbox.clientId()).isEqualTo("mailbox");
            assertThat(mailbox.clientId()).isEqualTo("mailbox");
            assertThat(mailbox.sessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        }
    }

    @Test
    void theContextOfARequestIsClosedWhenTheRequestEnds() {
        properties.set("natsjms.clientId", "short-lived");
        try (WeldContainer weld = new Weld().initialize()) {
            Mailbox mailbox = weld.select(Mailbox.class).get();

            JMSConsumer consumer = mailbox.consumerOutlivingTheRequest("cdi-closed");

            assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateRuntimeException.class);
            // its connection is gone too: the client ID is free again
            try (JMSContext again = weld.select(ConnectionFactory.class).get().createContext()) {
                assertThat(again.getClientID()).isEqualTo("short-lived");
            }
        }
    }

    @Test
    void aRequestControlledByTheApplicationClosesItsContextAtDeactivation() {
        try (WeldContainer weld = new Weld().initialize()) {
            RequestContextController request = weld.select(RequestContextController.class).get();
            JMSContext proxy = weld.select(JMSContext.class).get();
            request.activate();
            JMSConsumer consumer;
            try {
                consumer = proxy.createConsumer(proxy.createQueue("cdi-controlled"));
                assertThat(consumer.receiveNoWait()).isNull();
            } finally {
                request.deactivate();
            }

            assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void aDependentContextIsClosedWithTheBeanItWasInjectedInto() {
        properties.set("natsjms.cdi.jmsContext", "dependent");
        try (WeldContainer weld = new Weld().initialize()) {
            Instance<ContextHolder> holders = weld.select(ContextHolder.class);
            ContextHolder holder = holders.get();
            ContextHolder other = holders.get();
            JMSContext context = holder.context();
            assertThat(context).isNotSameAs(other.context());
            context.createProducer().send(context.createQueue("cdi-dependent"), "kept");

            holders.destroy(holder);

            assertThatThrownBy(() -> context.createProducer().send(context.createQueue("cdi-dependent"), "lost"))
                    .isInstanceOf(IllegalStateRuntimeException.class);
            try (JMSConsumer consumer = other.context().createConsumer(other.context().createQueue("cdi-dependent"))) {
                assertThat(consumer.receiveBody(String.class, WAIT_MILLIS)).isEqualTo("kept");
            }
            holders.destroy(other);
        }
    }
}
