package io.natsjms.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection factories and destinations from the JNDI context, used against an in-process server. */
class JndiConnectionIT {

    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    private NatsjmsServer server;
    private Context context;

    @BeforeEach
    void start() throws Exception {
        server = NatsjmsServer.start(ServerConfig.builder().port(0).clusterId("jndi-it").build());
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, NatsInitialContextFactory.class.getName());
        env.put("connectionFactory.Local",
                "nats://127.0.0.1:" + server.natsPort() + "?clusterId=jndi-it&connectTimeout=PT10S");
        env.put("queue.Orders", "orders");
        context = new InitialContext(env);
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        server.close();
    }

    @Test
    void aLookedUpFactorySendsAndReceivesOnALookedUpQueue() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context.lookup("Local");
        Queue queue = (Queue) context.lookup("Orders");

        assertThat(roundTrip(factory, queue, "first order")).isEqualTo("first order");
    }

    @Test
    void aFactoryRebuiltFromItsReferenceAfterSerializationStillConnects() throws Exception {
        NatsConnectionFactory bound = (NatsConnectionFactory) context.lookup("Local");
        NatsConnectionFactory rebuilt = (NatsConnectionFactory) new NatsObjectFactory()
                .getObjectInstance(deserialize(serialize(bound)).getReference(), null, null, null);
        Destination queue = (Destination) context.lookup("dynamicQueues/rebuilt");

        assertThat(roundTrip(rebuilt, queue, "via reference")).isEqualTo("via reference");
    }

    private static String roundTrip(ConnectionFactory factory, Destination destination, String text) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(destination);
            connection.start();
            session.createProducer(destination).send(session.createTextMessage(text));
            Message received = consumer.receive(RECEIVE_TIMEOUT_MS);
            assertThat(received).isInstanceOf(TextMessage.class);
            return ((TextMessage) received).getText();
        }
    }

    private static byte[] serialize(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static NatsConnectionFactory deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (NatsConnectionFactory) in.readObject();
        }
    }
}
