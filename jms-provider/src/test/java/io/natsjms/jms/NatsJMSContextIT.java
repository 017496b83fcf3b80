package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simplified API end to end: bodies, producer properties, async sends, sharing, autoStart, listeners. */
class NatsJMSContextIT {

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
    void eachBodyKindComesBackThroughReceiveBody() throws Exception {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("bodies"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();

        producer.send(queue, "text");
        producer.send(queue, Map.of("k", 1, "s", "v"));
        producer.send(queue, new byte[] {1, 2, 3});
        producer.send(queue, (Serializable) new ArrayList<>(List.of("a", "b")));
        producer.send(queue, context.createMessage());
        producer.send(queue, (String) null);
        producer.send(queue, (byte[]) null);

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("text");
        assertThat(consumer.receiveBody(Map.class, WAIT)).isEqualTo(Map.of("k", 1, "s", "v"));
        assertThat(consumer.receiveBody(byte[].class, WAIT)).containsExactly(1, 2, 3);
        assertThat(consumer.receiveBody(Serializable.class, WAIT)).isEqualTo(List.of("a", "b"));
        Message plain = consumer.receive(WAIT);
        assertThat(plain.getBody(Object.class)).isNull();
        assertThat(((TextMessage) consumer.receive(WAIT)).getText()).isNull();
        assertThat(((BytesMessage) consumer.receive(WAIT)).getBodyLength()).isZero();
        assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
    }

    @Test
    void aBodyOfTheWrongTypeIsRefusedAndDeliveredAgain() throws Exception {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("wrong-body"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "text");

        assertThatThrownBy(() -> consumer.receiveBody(byte[].class, WAIT))
                .isInstanceOf(MessageFormatRuntimeException.class);

        Message again = consumer.receive(WAIT);
        assertThat(again.getBody(String.class)).isEqualTo("text");
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @Test
    void theProducersPropertiesAndHeadersArriveOnTheMessage() throws Exception {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("props"));
        Queue replyTo = context.createQueue(unique("replies"));
        JMSConsumer consumer = context.createConsumer(queue);

        context.createProducer().setProperty("flag", true).setProperty("b", (byte) 1).setProperty("s", (short) 2)
                .setProperty("i", 3).setProperty("l", 4L).setProperty("f", 1.5f).setProperty("d", 2.5)
                .setProperty("str", "42").setJMSType("kind").setJMSCorrelationID("corr").setJMSReplyTo(replyTo)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(7)
                .send(queue, "with headers");

        Message received = consumer.receive(WAIT);
        assertThat(received.getObjectProperty("b")).isEqualTo((byte) 1);
        assertThat(received.getObjectProperty("s")).isEqualTo((short) 2);
        assertThat(received.getObjectProperty("f")).isEqualTo(1.5f);
        assertThat(received.getLongProperty("i")).isEqualTo(3L);
        assertThat(received.getIntProperty("str")).isEqualTo(42);
        assertThat(received.getDoubleProperty("f")).isEqualTo(1.5);
        assertThat(received.getBooleanProperty("flag")).isTrue();
        assertThat(received.getStringProperty("l")).isEqualTo("4");
        assertThat(received.getDoubleProperty("d")).isEqualTo(2.5);
        assertThat(received.getJMSType()).isEqualTo("kind");
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(7);
    }

    @Test
    void anAsyncSendReportsToItsCompletionListener() throws Exception {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("async"));
        JMSConsumer consumer = context.createConsumer(queue);
        Outcome outcome = new Outcome();

        context.createProducer().setAsync(outcome).send(queue, "async");

        Message sent = outcome.completed.get(WAIT, TimeUnit.MILLISECONDS);
        assertThat(sent.getJMSMessageID()).isNotNull();
        Message received = consumer.receive(WAIT);
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
    }

    @Test
    void closeAndCommitFromACompletionListenerAreRefused() throws Exception {
        JMSContext context = SERVER.context(JMSContext.SESSION_TRANSACTED);
        Queue queue = context.createQueue(unique("async-close"));
        CompletableFuture<List<RuntimeException>> refusals = new CompletableFuture<>();
        CompletionListener closing = new Outcome() {
            @Override
            public void onCompletion(Message message) {
                refusals.complete(Arrays.asList(attempt(context::close), attempt(context::commit),
                        attempt(context::rollback)));
            }
        };

        context.createProducer().setAsync(closing).send(queue, "x");
        context.commit();

        assertThat(refusals.get(WAIT, TimeUnit.MILLISECONDS)).hasSize(3)
                .allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateRuntimeException.class));
        assertThat(context.createTextMessage("still open").getText()).isEqualTo("still open");
    }

    @Test
    void closeAndStopFromAMessageListenerAreRefused() throws Exception {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("listener-close"));
        CompletableFuture<List<RuntimeException>> refusals = new CompletableFuture<>();
        context.createConsumer(queue).setMessageListener(
                m -> refusals.complete(Arrays.asList(attempt(context::close), attempt(context::stop))));

        context.createProducer().send(queue, "x");

        assertThat(refusals.get(WAIT, TimeUnit.MILLISECONDS)).hasSize(2)
                .allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateRuntimeException.class));
        assertThat(context.createTextMessage("still open").getText()).isEqualTo("still open");
    }

    @Test
    void aCreatedContextSharesTheConnectionWhichClosesWithTheLastContext() throws Exception {
        Connection connection = SERVER.connection();
        JMSContext first = SERVER.track(new NatsJMSContext(connection, JMSContext.AUTO_ACKNOWLEDGE));
        JMSContext second = SERVER.track(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        Queue queue = first.createQueue(unique("shared-connection"));
        JMSConsumer consumer = second.createConsumer(queue);

        first.createProducer().send(queue, "one");
        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("one");
        first.close();

        second.createProducer().send(queue, "two");
        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("two");
        assertThatThrownBy(() -> first.createProducer()).isInstanceOf(IllegalStateRuntimeException.class);
        assertThat(connection.getMetaData().getJMSVersion()).isEqualTo("3.1");

        second.close();
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheCreatedContextFirstLeavesTheOriginalWorking() throws Exception {
        Connection connection = SERVER.connection();
        JMSContext first = SERVER.track(new NatsJMSContext(connection, JMSContext.AUTO_ACKNOWLEDGE));
        JMSContext second = SERVER.track(first.createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        Queue queue = second.createQueue(unique("created-first"));
        JMSConsumer consumer = second.createConsumer(queue);

        second.close();

        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateRuntimeException.class);
        JMSConsumer again = first.createConsumer(queue);
        first.createProducer().send(queue, "after");
        assertThat(again.receiveBody(String.class, WAIT)).isEqualTo("after");
        first.close();
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAutoStartNothingArrivesUntilStart() {
        JMSContext context = SERVER.context();
        context.setAutoStart(false);
        Queue queue = context.createQueue(unique("no-autostart"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "waiting");

        assertThat(consumer.receive(ABSENT)).isNull();
        context.start();

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("waiting");
    }

    @Test
    void aListenerReceivesAndCanBeRemoved() {
        JMSContext context = SERVER.context();
        Queue queue = context.createQueue(unique("listener"));
        JMSConsumer consumer = context.createConsumer(queue, "keep = TRUE");
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        jakarta.jms.MessageListener listener = m -> received.add(text(m));
        consumer.setMessageListener(listener);

        context.createProducer().setProperty("keep", false).send(queue, "skipped");
        context.createProducer().setProperty("keep", true).send(queue, "kept");

        await().atMost(Duration.ofMillis(WAIT)).until(() -> received.contains("kept"));
        assertThat(received).containsExactly("kept");
        assertThat(consumer.getMessageListener()).isSameAs(listener);
        assertThat(consumer.getMessageSelector()).isEqualTo("keep = TRUE");
        consumer.setMessageListener(null);
        assertThat(consumer.getMessageListener()).isNull();
    }

    @Test
    void connectionLevelSettingsGoThroughToTheConnection() throws Exception {
        JMSContext context = SERVER.context();
        ExceptionListener listener = e -> { };
        context.setClientID(unique("ctx-client"));
        context.setExceptionListener(listener);

        assertThat(context.getExceptionListener()).isSameAs(listener);
        assertThat(context.getClientID()).startsWith("ctx-client");
        assertThat(context.getMetaData().getJMSVersion()).isEqualTo("3.1");
        assertThatThrownBy(() -> context.setClientID("late")).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void temporaryQueuesWorkThroughTheContext() {
        JMSContext context = SERVER.context();
        Queue temporary = context.createTemporaryQueue();
        JMSConsumer consumer = context.createConsumer(temporary);

        context.createProducer().send(temporary, "temp");

        assertThat(consumer.receiveBody(String.class, WAIT)).isEqualTo("temp");
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    private static RuntimeException attempt(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A CompletionListener that records the outcome. */
    private static class Outcome implements CompletionListener {
        final CompletableFuture<Message> completed = new CompletableFuture<>();

        @Override
        public void onCompletion(Message message) {
            completed.complete(message);
        }

        @Override
        public void onException(Message message, Exception exception) {
            completed.completeExceptionally(exception);
        }
    }
}
