package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** After maxRedeliveries a message goes to the dead-letter channel (or is dropped) and is acknowledged. */
@ExtendWith(HarnessExtension.class)
class DeadLetterIT {

    @Test
    void anExhaustedMessageGoesToTheDeadLetterChannelWithItsHeadersAndTheReason(Harness harness) throws Exception {
        Session session = harness.session();
        MessageConsumer deadLetters = session.createConsumer(session.createTopic("orders.dlq"));
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        mdb.behave(message -> {
            if (((TextMessage) message).getText().equals("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
        });
        NatsActivationSpec spec = harness.spec("orders");
        spec.setMaxRedeliveries(2);
        spec.setDeadLetterChannel("orders.dlq");
        harness.activate(mdb, spec);
        harness.awaitSubscribers("orders", 1);

        MessageProducer producer = session.createProducer(session.createTopic("orders"));
        TextMessage poison = session.createTextMessage("poison");
        poison.setStringProperty("customer", "acme");
        poison.setJMSCorrelationID("c-1");
        poison.setJMSType("order");
        producer.send(poison, jakarta.jms.DeliveryMode.PERSISTENT, 7, 0);
        producer.send(session.createTextMessage("fine"));

        await().atMost(PATIENCE).until(() -> mdb.texts().contains("fine"));
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::text, FakeEndpointFactory.Delivery::deliveryCount)
                .containsExactly(tuple("poison", 1), tuple("poison", 2),
                        tuple("poison", 3), tuple("fine", 1));

        Message dead = deadLetters.receive(PATIENCE.toMillis());
        assertThat(dead).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) dead).getText()).isEqualTo("poison");
        assertThat(dead.getStringProperty("customer")).isEqualTo("acme");
        assertThat(dead.getJMSCorrelationID()).isEqualTo("c-1");
        assertThat(dead.getJMSType()).isEqualTo("order");
        assertThat(dead.getJMSPriority()).isEqualTo(7);
        assertThat(dead.getStringProperty(DeadLetters.REASON)).contains("onMessage threw").contains("cannot handle poison");
        assertThat(dead.getStringProperty(DeadLetters.ORIGINAL_DESTINATION)).isEqualTo("orders");
        assertThat(dead.getStringProperty(DeadLetters.ORIGINAL_MESSAGE_ID)).isEqualTo(poison.getJMSMessageID());
        assertThat(dead.getLongProperty(DeadLetters.ORIGINAL_TIMESTAMP)).isEqualTo(poison.getJMSTimestamp());
        assertThat(dead.getIntProperty(DeadLetters.DELIVERY_COUNT)).isEqualTo(3);
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(deadLetters.receive(500)).isNull();
    }

    @Test
    void withoutADeadLetterChannelAnExhaustedMessageIsDroppedAndAcknowledged(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        mdb.behave(message -> {
            if (((TextMessage) message).getText().equals("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
        });
        NatsActivationSpec spec = harness.spec("orders");
        spec.setMaxRedeliveries(0);
        harness.activate(mdb, spec);
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "poison", "fine");

        await().atMost(PATIENCE).until(() -> mdb.texts().contains("fine"));
        assertThat(mdb.texts()).containsExactly("poison", "fine");
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
    }
}
