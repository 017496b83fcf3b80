package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transacted contexts (commit, rollback) and CLIENT_ACKNOWLEDGE contexts (acknowledge, recover). */
class NatsJMSContextAcknowledgeIT {

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
    void transactedSendsAreDeliveredAtCommitAndDroppedAtRollback() {
        JMSContext transacted = SERVER.context(JMSContext.SESSION_TRANSACTED);
        JMSContext receiver = SERVER.context();
        Queue queue = receiver.createQueue(unique("tx-send"));
        JMSConsumer consumer = receiver.createConsumer(queue);
        JMSProducer producer = transacted.createProducer();

        producer.send(queue, "rolled back");
        transacted.rollback();
        producer.send(queue, "committed");
        assertThat(consumer.receive(ABSENT)).isNull();
        transacted.commit();

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("committed");
        assertThat(consumer.receive(ABSENT)).isNull();
    }

    @Test
    void aRolledBackReceiveIsDeliveredAgainAndACommittedOneIsGone() throws Exception {
        JMSContext transacted = SERVER.context(JMSContext.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue(unique("tx-receive"));
        JMSConsumer consumer = transacted.createConsumer(queue);
        SERVER.context().createProducer().send(queue, "once more");

        Message first = consumer.receive(WAIT);
        assertThat(first.getJMSRedelivered()).isFalse();
        transacted.rollback();
        Message again = consumer.receive(WAIT);
        assertThat(again.getBody(String.class)).isEqualTo("once more");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        transacted.commit();
        consumer.close();

        JMSContext later = SERVER.context();
        assertThat(later.createConsumer(queue).receive(ABSENT)).isNull();
    }

    @Test
    void acknowledgeAcknowledgesEverythingTheContextConsumed() {
        JMSContext context = SERVER.context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("client-ack"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = SERVER.context().createProducer();
        producer.send(queue, "a");
        producer.send(queue, "b");

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("a");
        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("b");
        context.recover();
        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("a");
        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("b");
        context.acknowledge();
        context.recover();

        assertThat(consumer.receive(ABSENT)).isNull();
    }

    @Test
    void acknowledgeOutsideClientAcknowledgeChangesNothing() {
        JMSContext context = SERVER.context(JMSContext.DUPS_OK_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("dups-ok"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "x");

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("x");
        context.acknowledge();

        assertThat(consumer.receive(ABSENT)).isNull();
    }
}
