package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A producer of a pooled connection is the provider's producer: it refuses exactly the option values the
 * provider's own producer refuses, with the same exception, and still sends through the pooled session.
 */
@ExtendWith(HarnessExtension.class)
class OutboundProducerIT {

    /** A setter of a classic producer, for comparing what each producer makes of one value. */
    @FunctionalInterface
    private interface Setting {
        void apply(MessageProducer producer) throws JMSException;
    }

    private FakeConnectionManager pool;

    @AfterEach
    void closePool() throws Exception {
        if (pool != null) {
            pool.destroyAll();
        }
    }

    private ConnectionFactory factory(Harness harness) {
        pool = new FakeConnectionManager(harness.transactions, true);
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setResourceAdapter(harness.adapter);
        return (ConnectionFactory) managed.createConnectionFactory(pool);
    }

    @Test
    void aNegativeDeliveryDelayIsRefusedExactlyLikeTheProvider(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness);
        try (Connection pooled = factory.createConnection()) {
            Session session = pooled.createSession();
            MessageProducer producer = session.createProducer(session.createTopic("outbox"));

            assertRefusedLikeTheProvider(harness, producer, p -> p.setDeliveryDelay(-1), "deliveryDelay: -1");
            assertThat(producer.getDeliveryDelay()).isZero();
        }
    }

    @Test
    void anInvalidPriorityOrDeliveryModeIsRefusedExactlyLikeTheProvider(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness);
        try (Connection pooled = factory.createConnection()) {
            Session session = pooled.createSession();
            MessageProducer producer = session.createProducer(null);

            assertRefusedLikeTheProvider(harness, producer, p -> p.setPriority(10), "priority: 10");
            assertRefusedLikeTheProvider(harness, producer, p -> p.setDeliveryMode(0), "deliveryMode: 0");
            assertRefusedLikeTheProvider(harness, producer,
                    p -> p.send(session.createTopic("outbox"), session.createTextMessage("x"), 2, -1, 0),
                    "priority: -1");
        }
    }

    @Test
    void aJmsContextOfThePoolRefusesANegativeDeliveryDelayAtOnce(Harness harness) {
        ConnectionFactory factory = factory(harness);
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer();

            assertThatThrownBy(() -> producer.setDeliveryDelay(-5)).isInstanceOf(JMSRuntimeException.class)
                    .hasMessage("deliveryDelay: -5 (expected: >= 0 ms)");
            assertThat(producer.getDeliveryDelay()).isZero();
        }
    }

    @Test
    void aValidDeliveryDelayHoldsTheMessageBack(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("later"));
        long sentAt;
        try (Connection pooled = factory.createConnection()) {
            Session session = pooled.createSession();
            MessageProducer producer = session.createProducer(session.createTopic("later"));
            producer.setDeliveryDelay(300);
            sentAt = System.currentTimeMillis();
            producer.send(session.createTextMessage("held"));
        }

        Message received = consumer.receive(PATIENCE.toMillis());
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("held");
        assertThat(received.getJMSDeliveryTime()).isGreaterThanOrEqualTo(sentAt + 300);
    }

    /** {@code setting} fails on {@code producer} with the class and message it fails with on a provider producer. */
    private static void assertRefusedLikeTheProvider(Harness harness, MessageProducer producer, Setting setting,
                                                     String naming) throws JMSException {
        Session plain = harness.session();
        MessageProducer providers = plain.createProducer(null);
        Throwable expected = catchThrowable(() -> setting.apply(providers));
        providers.close();
        assertThat(expected).as("the provider's own producer").isInstanceOf(JMSException.class)
                .hasMessageStartingWith(naming);

        assertThatThrownBy(() -> setting.apply(producer)).isExactlyInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }
}
