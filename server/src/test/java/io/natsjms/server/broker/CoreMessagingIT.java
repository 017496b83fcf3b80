package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.ServerInfo;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Core NATS behaviour seen through jnats, identical on the embedded broker and on nats-server. */
class CoreMessagingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() throws InterruptedException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private Connection connect(RunningBroker broker) throws Exception {
        return connect(Options.builder().server(broker.url()));
    }

    private Connection connect(Options.Builder options) throws Exception {
        Connection connection = Nats.connect(options.build());
        connections.add(connection);
        return connection;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @BothBrokers
    void connectsWithDefaultOptionsAndAnnouncesItself(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection connection = Nats.connect(broker.url());
        connections.add(connection);

        ServerInfo info = connection.getServerInfo();
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(info.getServerId()).isNotBlank();
        assertThat(info.getServerName()).isNotBlank();
        assertThat(info.getPort()).isEqualTo(broker.port());
        assertThat(info.getProtocolVersion()).isEqualTo(1);
        assertThat(info.isHeadersSupported()).isTrue();
        assertThat(info.getMaxPayload()).isEqualTo(BrokerConfig.DEFAULT_MAX_PAYLOAD);
        assertThat(info.isAuthRequired()).isFalse();
        assertThat(info.getClientId()).isPositive();
        assertThat(info.getVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @BothBrokers
    void deliversPayloadsOfAllSizesInOrder(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection subscriber = connect(broker);
        Connection publisher = connect(broker);
        Subscription sub = subscriber.subscribe("orders");
        subscriber.flush(WAIT);

        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {0, 1, 16, 128, 1024, 64 * 1024, BrokerConfig.DEFAULT_MAX_PAYLOAD}) {
            byte[] data = new byte[size];
            ThreadLocalRandom.current().nextBytes(data);
            sent.add(data);
            publisher.publish("orders", data);
        }
        for (byte[] expected : sent) {
            Message message = sub.nextMessage(WAIT);
            assertThat(message).isNotNull();
            assertThat(message.getSubject()).isEqualTo("orders");
            assertThat(message.getData()).isEqualTo(expected);
        }
    }

    @BothBrokers
    void matchesStarAndFullWildcards(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection connection = connect(broker);
        Subscription star = connection.subscribe("a.*");
        Subscription full = connection.subscribe("a.>");
        Subscription literal = connection.subscribe("a.b.c");
        Subscription all = connection.subscribe(">");
        connection.flush(WAIT);

        for (String subject : List.of("a", "a.b", "a.b.c", "x.y")) {
            connection.publish(subject, bytes(subject));
        }
        connection.flush(WAIT);

        assertThat(receiveSubjects(star, 1)).containsExactly("a.b");
        assertThat(receiveSubjects(full, 2)).containsExactly("a.b", "a.b.c");
        assertThat(receiveSubjects(literal, 1)).containsExactly("a.b.c");
        assertThat(receiveSubjects(all, 4)).containsExactly("a", "a.b", "a.b.c", "x.y");
    }

    private static List<String> receiveSubjects(Subscription sub, int count) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = sub.nextMessage(WAIT);
            assertThat(message).as("message %d of %d on %s", i + 1, count, sub.getSubject()).isNotNull();
            subjects.add(message.getSubject());
        }
        // the caller flushed after publishing, so anything else for this subscription is queued by now
        assertThat(sub.getPendingMessageCount()).as("extra messages on " + sub.getSubject()).isZero();
        return subjects;
    }

    @BothBrokers
    void queueGroupDeliversEachMessageToOneMemberSpreadAcrossMembers(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        int messages = 300;
        List<AtomicInteger> memberCounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicInteger count = new AtomicInteger();
            memberCounts.add(count);
            Connection member = connect(broker);
            member.createDispatcher(m -> count.incrementAndGet()).subscribe("jobs", "workers");
            member.flush(WAIT);
        }
        AtomicInteger plainCount = new AtomicInteger();
        Connection observer = connect(broker);
        observer.createDispatcher(m -> plainCount.incrementAndGet()).subscribe("jobs");
        observer.flush(WAIT);

        Connection publisher = connect(broker);
        for (int i = 0; i < messages; i++) {
            publisher.publish("jobs", bytes("job " + i));
        }
        publisher.flush(WAIT);

        await().atMost(WAIT).until(() -> plainCount.get() == messages
                && memberCounts.stream().mapToInt(AtomicInteger::get).sum() == messages);
        assertThat(memberCounts).allSatisfy(count -> assertThat(count.get()).isPositive());
        for (Connection member : connections) {
            member.flush(WAIT);
        }
        assertThat(memberCounts.stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(messages);
    }

    @BothBrokers
    void autoUnsubscribeStopsAfterMaxMessages(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection connection = connect(broker);
        Subscription limited = connection.subscribe("ticks");
        limited.unsubscribe(2);
        Subscription marker = connection.subscribe("marker");
        connection.flush(WAIT);

        for (int i = 0; i < 5; i++) {
            connection.publish("ticks", bytes("tick " + i));
        }
        connection.publish("marker", bytes("done"));
        assertThat(marker.nextMessage(WAIT)).isNotNull();
        assertThat(limited.nextMessage(WAIT).getData()).isEqualTo(bytes("tick 0"));
        assertThat(limited.nextMessage(WAIT).getData()).isEqualTo(bytes("tick 1"));
        assertThat(limited.isActive()).isFalse();
    }

    @BothBrokers
    void requestReply(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection responder = connect(broker);
        Dispatcher dispatcher = responder.createDispatcher(m ->
                responder.publish(m.getReplyTo(), bytes("echo " + new String(m.getData(), StandardCharsets.UTF_8))));
        dispatcher.subscribe("service.echo");
        responder.flush(WAIT);

        Connection requester = connect(broker);
        Message reply = requester.request("service.echo", bytes("hello"), WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("echo hello");
    }

    @BothBrokers
    void requestWithoutRespondersFailsFastWithNoResponders(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection requester = connect(broker);

        CompletableFuture<Message> future = requester.requestWithTimeout("nobody.home", bytes("?"),
                Duration.ofMinutes(1));

        // the 503 status arrives long before the one-minute timeout
        assertThat(future).failsWithin(WAIT);
    }

    @BothBrokers
    void carriesHeaders(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection connection = connect(broker);
        Subscription sub = connection.subscribe("with.headers");
        connection.flush(WAIT);

        Headers headers = new Headers().add("X-Id", "42").add("X-Multi", "a", "b");
        connection.publish("with.headers", headers, bytes("body"));

        Message message = sub.nextMessage(WAIT);
        assertThat(message.hasHeaders()).isTrue();
        assertThat(message.getHeaders().getFirst("X-Id")).isEqualTo("42");
        assertThat(message.getHeaders().get("X-Multi")).containsExactly("a", "b");
        assertThat(message.getData()).isEqualTo(bytes("body"));
    }

    @BothBrokers
    void noEchoSuppressesOwnMessages(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection quiet = connect(Options.builder().server(broker.url()).noEcho());
        Connection other = connect(broker);
        Subscription sub = quiet.subscribe("chat");
        quiet.flush(WAIT);

        quiet.publish("chat", bytes("mine"));
        quiet.flush(WAIT);
        other.publish("chat", bytes("theirs"));

        assertThat(sub.nextMessage(WAIT).getData()).isEqualTo(bytes("theirs"));
    }

    @BothBrokers
    void unsubscribeStopsDeliveryToThatSubscriptionOnly(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind);
        Connection connection = connect(broker);
        Subscription first = connection.subscribe("news");
        Subscription second = connection.subscribe("news");
        connection.flush(WAIT);
        first.unsubscribe();
        connection.flush(WAIT);

        connection.publish("news", bytes("one"));

        assertThat(second.nextMessage(WAIT).getData()).isEqualTo(bytes("one"));
        assertThat(first.isActive()).isFalse();
    }
}
