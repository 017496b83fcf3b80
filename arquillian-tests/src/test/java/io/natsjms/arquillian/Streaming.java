package io.natsjms.arquillian;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.ServerSnapshot.ChannelView;
import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The streaming server the application server's adapter connects to, running in the test JVM, and the
 * test's own JMS client of it: what the tests publish, consume and inspect.
 */
final class Streaming implements AutoCloseable {

    private final NatsjmsServer server;
    private final NatsConnectionFactory factory;

    private Streaming(NatsjmsServer server, String clusterId) {
        this.server = server;
        this.factory = new NatsConnectionFactory("nats://127.0.0.1:" + server.natsPort() + "?clusterId=" + clusterId);
    }

    /** Starts a memory-store server on 127.0.0.1:{@code port}. */
    static Streaming start(int port, String clusterId) throws IOException {
        return new Streaming(NatsjmsServer.start(ServerConfig.builder().host("127.0.0.1").port(port)
                .clusterId(clusterId).build()), clusterId);
    }

    /** Publishes each of {@code texts} as a persistent TextMessage to the topic {@code channel}, in order. */
    void publish(String channel, List<String> texts) {
        send(context -> context.createTopic(channel), texts);
    }

    /** Sends each of {@code texts} as a persistent TextMessage to the queue {@code channel}, in order. */
    void sendToQueue(String channel, List<String> texts) {
        send(context -> context.createQueue(channel), texts);
    }

    private void send(Function<JMSContext, Destination> destination, List<String> texts) {
        try (JMSContext context = factory.createContext()) {
            Destination target = destination.apply(context);
            texts.forEach(text -> context.createProducer().send(target, text));
        }
    }

    /** A new JMS context of the test's own client (the caller closes it). */
    JMSContext context() {
        return factory.createContext();
    }

    /** The subscriptions of {@code channel}, offline durables included; none if it does not exist. */
    List<SubscriptionView> subscriptions(String channel) {
        return channel(channel).map(ChannelView::subscriptions).orElse(List.of());
    }

    /** The number of messages stored in {@code channel}. */
    long messageCount(String channel) {
        return channel(channel).map(ChannelView::msgs).orElse(0L);
    }

    /** The messages of {@code channel} sent to its subscribers and not acknowledged yet. */
    int unacknowledged(String channel) {
        return subscriptions(channel).stream().mapToInt(SubscriptionView::pendingCount).sum();
    }

    private java.util.Optional<ChannelView> channel(String name) {
        ServerSnapshot snapshot = server.snapshot();
        return snapshot.channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        server.close();
    }
}
