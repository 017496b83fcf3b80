package io.natsjms.ra;

import static org.awaitility.Awaitility.await;

import io.natsjms.jms.NatsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An adapter started in a fake container (work manager, transaction registry) against a test server, plus a
 * plain JMS client of the provider to publish and check with. Closing it stops the adapter (deactivating
 * everything), the client and the server.
 */
final class Harness implements AutoCloseable {

    /** How long tests wait for anything to happen on this shared, loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final TestServer server;
    final FakeWorkManager workManager = new FakeWorkManager();
    final FakeTransactions transactions = new FakeTransactions();
    final NatsResourceAdapter adapter = new NatsResourceAdapter();
    private final List<Connection> clients = new CopyOnWriteArrayList<>();
    private Session session;

    Harness(TestServer server) throws ResourceException {
        this.server = server;
        adapter.setServerUrls(server.url());
        adapter.setClusterId(TestServer.CLUSTER_ID);
        adapter.start(new FakeBootstrapContext(workManager, transactions));
    }

    /** A spec for {@code destination}, associated with the adapter, checking nothing yet. */
    NatsActivationSpec spec(String destination) throws ResourceException {
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setDestination(destination);
        spec.setReconnectInterval(200L);
        spec.setResourceAdapter(adapter);
        return spec;
    }

    /** Validates {@code spec} and activates the endpoint factory with it, as a container deploying an MDB. */
    void activate(FakeEndpointFactory endpoints, NatsActivationSpec spec) throws ResourceException {
        spec.validate();
        adapter.endpointActivation(endpoints, spec);
    }

    void deactivate(FakeEndpointFactory endpoints, NatsActivationSpec spec) {
        adapter.endpointDeactivation(endpoints, spec);
    }

    /** Waits until {@code channel} has {@code count} online subscriptions (group members count one each). */
    void awaitSubscribers(String channel, int count) {
        await().atMost(PATIENCE).until(() -> server.subscriptions(channel).stream().filter(s -> !s.offline()).count() == count);
    }

    /** A new provider connection factory for the test server. */
    NatsConnectionFactory clientFactory() {
        NatsConnectionFactory factory = new NatsConnectionFactory();
        factory.setServerUrls(server.url());
        factory.setClusterId(TestServer.CLUSTER_ID);
        return factory;
    }

    /** The test's own started session (auto-acknowledge). */
    synchronized Session session() throws JMSException {
        if (session == null) {
            Connection connection = clientFactory().createConnection();
            clients.add(connection);
            connection.start();
            session = connection.createSession();
        }
        return session;
    }

    /** Sends text messages to channel {@code channel}, each confirmed by the server. */
    void publish(String channel, String... texts) throws JMSException {
        Session client = session();
        MessageProducer producer = client.createProducer(client.createTopic(channel));
        for (String text : texts) {
            producer.send(client.createTextMessage(text));
        }
        producer.close();
    }

    @Override
    public void close() throws Exception {
        try {
            adapter.stop();
            workManager.shutdown();
            for (Connection client : clients) {
                client.close();
            }
        } finally {
            server.close();
        }
    }
}
