package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable, shared, shared durable and noLocal subscriptions made through a context. */
class NatsJMSContextSubscriptionIT {

    @RegisterExtension
    static final JmsTestServer SERVER = new JmsTestServer();

    private static final long WAIT = 10_000;
    /** How long a receive waits for a message that must not come. */
    private static final long ABSENT = 500;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    @Test
    void aDurableConsumerGetsWhatWasSentWhileItWasClosed() {
        JMSContext context = SERVER.context();
        context.setClientID(unique("durable-client"));
        Topic topic = context.createTopic(unique("durable-topic"));
        JMSProducer producer = context.createProducer();
        JMSConsumer durable = context.createDurableConsumer(topic, "sub");

        producer.send(topic, "while open");
        assertThat(durable.receiveBody(String.class, WAIT)).isEqualTo("while open");
        durable.close();
        producer.send(topic, "while closed");

        JMSConsumer resumed = context.createDurableConsumer(topic, "sub");
        assertThat(resumed.receiveBody(String.class, WAIT)).isEqualTo("while closed");
        resumed.close();
        context.unsubscribe("sub");
        producer.send(topic, "after unsubscribe");
        JMSConsumer fresh = context.createDurableConsumer(topic, "sub");
        assertThat(fresh.receive(ABSENT)).isNull();
    }

    @Test
    void aDurableConsumerNeedsAClientId() {
        JMSContext context = SERVER.context();
        Topic topic = context.createTopic(unique("no-client-id"));

        assertThatThrownBy(() -> context.createDurableConsumer(topic, "sub"))
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void sharedConsumersOfOneSubscriptionSplitTheMessages() throws Exception {
        JMSContext first = SERVER.context();
        JMSContext second = SERVER.track(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        Topic topic = first.createTopic(unique("shared-topic"));
        JMSConsumer one = first.createSharedConsumer(topic, "shared");
        JMSConsumer two = second.createSharedConsumer(topic, "shared");
        assertThatThrownBy(() -> second.createSharedConsumer(topic, "shared", "n >= 0"))
                .isInstanceOf(JMSRuntimeException.class).hasMessageContaining("shared");
        JMSProducer producer = first.createProducer();

        for (int i = 0; i < 10; i++) {
            producer.setProperty("n", i).send(topic, "m" + i);
        }

        List<String> received = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT;
        while (received.size() < 10 && System.currentTimeMillis() < deadline) {
            for (JMSConsumer consumer : List.of(one, two)) {
                String body = consumer.receiveBody(String.class, 50);
                if (body != null) {
                    received.add(body);
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "m" + i)
                .toList());
        assertThat(one.receive(ABSENT)).isNull();
        assertThat(two.receiveNoWait()).isNull();
    }

    @Test
    void aSharedDurableSubscriptionKeepsMessagesWhileNoConsumerIsOpen() {
        JMSContext context = SERVER.context();
        context.setClientID(unique("shared-durable-client"));
        Topic topic = context.createTopic(unique("shared-durable-topic"));
        JMSConsumer consumer = context.createSharedDurableConsumer(topic, "sd");
        consumer.close();

        context.createProducer().send(topic, "kept");

        JMSConsumer again = context.createSharedDurableConsumer(topic, "sd", null);
        assertThat(again.receiveBody(String.class, WAIT)).isEqualTo("kept");
        again.close();
        context.unsubscribe("sd");
    }

    @Test
    void aNoLocalConsumerIgnoresItsOwnConnectionsMessages() throws Exception {
        JMSContext context = SERVER.context();
        JMSContext sameConnection = SERVER.track(context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        JMSContext otherConnection = SERVER.context();
        Topic topic = context.createTopic(unique("no-local"));
        JMSConsumer consumer = context.createConsumer(topic, null, true);

        context.createProducer().send(topic, "own");
        sameConnection.createProducer().send(topic, "same connection");
        otherConnection.createProducer().send(topic, "other");

        Message received = consumer.receive(WAIT);
        assertThat(received.getBody(String.class)).isEqualTo("other");
        assertThat(consumer.receive(ABSENT)).isNull();
    }
}
