package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Handles reuse pooled physical connections, which come back clean; broken ones are discarded. */
@ExtendWith(HarnessExtension.class)
class PoolingIT {

    private FakeConnectionManager pool;

    @AfterEach
    void closePool() throws Exception {
        if (pool != null) {
            pool.destroyAll();
        }
    }

    private ConnectionFactory factory(Harness harness, NatsManagedConnectionFactory managed) {
        pool = new FakeConnectionManager(null, false);
        managed.setResourceAdapter(harness.adapter);
        return (ConnectionFactory) managed.createConnectionFactory(pool);
    }

    @Test
    void sequentialHandlesShareOnePhysicalConnection(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, new NatsManagedConnectionFactory());

        for (int i = 0; i < 10; i++) {
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession();
                session.createProducer(session.createTopic("pooled")).send(session.createTextMessage("m" + i));
            }
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(context.createTopic("pooled"), "c" + i);
            }
        }

        assertThat(pool.created()).hasSize(1);
        assertThat(harness.server.clientIds()).hasSize(1);
    }

    @Test
    void concurrentHandlesGetTheirOwnPhysicalConnections(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, new NatsManagedConnectionFactory());

        Connection first = factory.createConnection();
        Connection second = factory.createConnection();
        first.close();
        second.close();
        try (Connection third = factory.createConnection(); Connection fourth = factory.createConnection()) {
            assertThat(pool.idleCount()).isZero();
        }

        assertThat(pool.created()).hasSize(2);
        assertThat(pool.idleCount()).isEqualTo(2);
    }

    @Test
    void credentialsAndClientIdPrefixShapeThePhysicalConnections(Harness harness) throws Exception {
        harness.adapter.setClientIdPrefix("outbound");
        ConnectionFactory factory = factory(harness, new NatsManagedConnectionFactory());

        try (Connection plain = factory.createConnection()) {
            assertThat(plain.getClientID()).isNull();
        }
        try (Connection other = factory.createConnection("someone", "secret")) {
            assertThat(other.getClientID()).isNull();
        }
        try (Connection plainAgain = factory.createConnection()) {
            assertThat(plainAgain.getClientID()).isNull();
        }

        assertThat(pool.created()).as("one physical connection per set of credentials").hasSize(2);
        assertThat(harness.server.clientIds()).filteredOn(id -> id.startsWith("outbound_natsjms-")).hasSize(2);
    }

    @Test
    void aReturnedConnectionComesBackClean(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, new NatsManagedConnectionFactory());
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createTopic("pooled"));
        connection.start();

        connection.close();

        assertThatThrownBy(() -> consumer.receive(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
        await().atMost(PATIENCE).until(() -> harness.server.subscriptions("pooled").isEmpty());
        try (Connection again = factory.createConnection()) {
            assertThat(again.createSession().createTextMessage("fresh").getText()).isEqualTo("fresh");
        }
        assertThat(pool.created()).hasSize(1);
    }

    @Test
    void aBrokenPhysicalConnectionIsDiscarded(Harness harness) throws Exception {
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setPingInterval("1000");
        ConnectionFactory factory = factory(harness, managed);
        factory.createConnection().close();
        assertThat(pool.idleCount()).isEqualTo(1);

        harness.server.stop();
        harness.server.startAgain();

        await().atMost(PATIENCE).until(() -> pool.idleCount() == 0);
        try (Connection fresh = factory.createConnection()) {
            Session session = fresh.createSession();
            session.createProducer(session.createTopic("pooled")).send(session.createTextMessage("after restart"));
        }
        assertThat(pool.created()).hasSize(2);
    }

    @Test
    void outsideAContainerEachConnectionIsItsOwnPhysicalConnection(Harness harness) throws Exception {
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setResourceAdapter(harness.adapter);
        ConnectionFactory factory = (ConnectionFactory) managed.createConnectionFactory();

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createTopic("plain")).send(session.createTextMessage("x"));
            assertThat(harness.server.clientIds()).hasSize(1);
        }
        await().atMost(PATIENCE).until(() -> harness.server.clientIds().isEmpty());
    }
}
