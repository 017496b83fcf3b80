package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.message.CodecOptions;
import io.natsjms.jms.message.MessageCodec;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.message.NatsTextMessage;
import io.natsjms.stan.QueueSnapshots;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanMessageHandler;
import io.natsjms.stan.StanSettings;
import io.natsjms.stan.StartPosition;
import io.natsjms.stan.SubscriptionSpec;
import io.natsjms.protocol.Extensions;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue browsers against an in-process server: exactly the waiting messages, selectors, empty queues, close. */
class NatsQueueBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLUSTER = "c";

    private final MessageCodec codec = new MessageCodec(CodecOptions.defaults());
    private final AtomicInteger closes = new AtomicInteger();
    private NatsjmsServer server;
    private StanConnection stan;
    private NatsChannelQueue queue;

    @BeforeEach
    void start() throws Exception {
        server = NatsjmsServer.start(ServerConfig.builder().port(0).clusterId(CLUSTER).build());
        stan = StanConnection.connect(StanSettings.builder(CLUSTER, "browser")
                .servers("nats://127.0.0.1:" + server.natsPort()).build());
        queue = new NatsChannelQueue("work");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            stan.close();
        } catch (StanException e) {
            // a test closed it already
        } finally {
            server.close();
        }
    }

    private void send(String text, String color) throws Exception {
        NatsTextMessage message = new NatsTextMessage(text);
        message.setJMSDestination(queue);
        message.setStringProperty("color", color);
        stan.publishSync("work", codec.encode(message));
    }

    private void sendNumbered(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            send("m" + i, i % 2 == 1 ? "red" : "blue");
        }
    }

    /** Joins the queue's group as its consumers do; the handler decides what to ack. */
    private void consume(int maxInFlight, Set<Long> acked) throws StanException {
        StanMessageHandler handler = (subscription, message) -> {
            if (acked.contains(message.sequence())) {
                try {
                    subscription.ack(message.sequence());
                } catch (StanException e) {
                    throw new java.lang.IllegalStateException(e);
                }
            }
        };
        stan.subscribe(SubscriptionSpec.of("work").withQueueGroup(QueueGroups.group(queue))
                .withDurableName(QueueGroups.durableName(queue)).withMaxInFlight(maxInFlight)
                .starting(StartPosition.FIRST), handler);
    }

    private ServerSnapshot.SubscriptionView group() {
        ServerSnapshot.ChannelView channel = server.snapshot().channels().stream()
                .filter(c -> c.name().equals("work")).findFirst().orElseThrow();
        return channel.subscriptions().stream().filter(s -> !s.queueName().isEmpty()).findFirst().orElseThrow();
    }

    private void awaitGroup(long lastSent, int pending) {
        await().atMost(WAIT).until(() -> group().lastSent() == lastSent && group().pendingCount() == pending);
    }

    private NatsQueueBrowser browser(String selector) throws JMSException {
        return new NatsQueueBrowser(stan, queue, selector == null ? null : MessageSelector.compile(selector), codec,
                QueueGroups.durableName(queue), QueueGroups.group(queue), closes::incrementAndGet);
    }

    private static List<String> texts(NatsQueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }

    @Test
    void showsTheUnsentAndTheUnacknowledgedMessagesOnly() throws Exception {
        sendNumbered(10);
        consume(4, Set.of(2L, 4L, 6L));
        awaitGroup(7, 4);

        NatsQueueBrowser browser = browser(null);
        List<Message> browsed = Collections.list(browser.getEnumeration());
        for (Message message : browsed) {
            message.acknowledge();
        }

        assertThat(browsed).extracting(m -> ((TextMessage) m).getText())
                .containsExactly("m1", "m3", "m5", "m7", "m8", "m9", "m10");
        assertThat(group().lastSent()).as("the group did not move").isEqualTo(7);
        assertThat(group().pendingCount()).isEqualTo(4);
        assertThat(server.snapshot().channels().get(0).subscriptions()).as("the reader is gone").hasSize(1);
        assertThat(texts(browser)).as("browsing again shows the same").hasSize(7);
    }

    @Test
    void aQueueNobodyConsumedShowsEverything() throws Exception {
        sendNumbered(3);

        assertThat(texts(browser(null))).containsExactly("m1", "m2", "m3");
    }

    @Test
    void theSelectorFiltersTheWaitingMessages() throws Exception {
        sendNumbered(6);
        consume(10, Set.of(1L, 2L));
        awaitGroup(6, 4);

        NatsQueueBrowser browser = browser("color = 'red'");

        assertThat(browser.getMessageSelector()).isEqualTo("color = 'red'");
        assertThat(texts(browser)).containsExactly("m3", "m5");
    }

    @Test
    void anEmptyQueueHasAnEmptyEnumeration() throws Exception {
        NatsQueueBrowser browser = browser(null);

        assertThat(browser.getEnumeration().hasMoreElements()).isFalse();
        assertThat(browser.getMessageSelector()).isNull();
        assertThat(browser.getQueue()).isEqualTo(queue);
        assertThat(server.snapshot().channels()).as("browsing created no channel").isEmpty();
    }

    @Test
    void aFullyConsumedQueueHasAnEmptyEnumeration() throws Exception {
        sendNumbered(3);
        consume(10, Set.of(1L, 2L, 3L));
        awaitGroup(3, 0);

        assertThat(browser(null).getEnumeration().hasMoreElements()).isFalse();
    }

    @Test
    void anEnumerationHoldsAtMostTheCap() throws Exception {
        sendNumbered(5);
        NatsQueueBrowser browser = new NatsQueueBrowser(stan, queue, null, codec, QueueGroups.durableName(queue),
                QueueGroups.group(queue), closes::incrementAndGet, new QueueSnapshots(stan), 2);

        assertThat(texts(browser)).containsExactly("m1", "m2");
    }

    @Test
    void withoutTheServersSnapshotTheWholeChannelIsShown() throws Exception {
        sendNumbered(4);
        consume(10, Set.of(1L, 2L));
        awaitGroup(4, 2);
        QueueSnapshots unanswered = new QueueSnapshots(stan,
                Extensions.browseSubject(stan.settings().discoverSubject()) + ".nobody", Duration.ofMillis(200));
        NatsQueueBrowser browser = new NatsQueueBrowser(stan, queue, null, codec, QueueGroups.durableName(queue),
                QueueGroups.group(queue), closes::incrementAndGet, unanswered, NatsQueueBrowser.MAX_MESSAGES);

        assertThat(texts(browser)).containsExactly("m1", "m2", "m3", "m4");
        assertThat(group().lastSent()).isEqualTo(4);
        assertThat(group().pendingCount()).isEqualTo(2);
    }

    @Test
    void withoutTheServersSnapshotAnEmptyChannelShowsNothing() throws Exception {
        StanConnection quick = StanConnection.connect(StanSettings.builder(CLUSTER, "quick")
                .servers("nats://127.0.0.1:" + server.natsPort()).connectWait(Duration.ofMillis(300)).build());
        try {
            QueueSnapshots unanswered = new QueueSnapshots(quick,
                    Extensions.browseSubject(quick.settings().discoverSubject()) + ".nobody", Duration.ofMillis(200));
            NatsQueueBrowser browser = new NatsQueueBrowser(quick, queue, null, codec, QueueGroups.durableName(queue),
                    QueueGroups.group(queue), closes::incrementAndGet, unanswered, NatsQueueBrowser.MAX_MESSAGES);

            assertThat(browser.getEnumeration().hasMoreElements()).isFalse();
        } finally {
            quick.close();
        }
    }

    @Test
    void aClosedBrowserRefusesEveryCallAndClosesOnce() throws Exception {
        NatsQueueBrowser browser = browser("color = 'red'");

        browser.close();
        browser.close();

        assertThat(closes).hasValue(1);
        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(browser::getQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(browser::getMessageSelector).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void browsingOverAClosedConnectionIsAnIllegalState() throws Exception {
        NatsQueueBrowser browser = browser(null);
        stan.close();

        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("work");
    }
}
