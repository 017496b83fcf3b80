package io.natsjms.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import io.natsjms.jms.destination.NatsChannelQueue;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
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
import java.util.function.UnaryOperator;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection factories and destinations from the JNDI context, used against an in-process server. */
class JndiConnectionIT {

    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    private NatsjmsServer server;

    /** Starts a server (with {@code config}'s adjustments) and a JNDI context binding "Local" to it. */
    private Context start(UnaryOperator<ServerConfig.Builder> config, String userInfo) throws Exception {
        server = NatsjmsServer.start(config.apply(ServerConfig.builder().port(0).clusterId("jndi-it")).build());
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, NatsInitialContextFactory.class.getName());
        env.put("connectionFactory.Local",
                "nats://" + userInfo + "127.0.0.1:" + server.natsPort() + "?clusterId=jndi-it&connectTimeout=PT10S");
        env.put("queue.Orders", "orders");
        return new InitialContext(env);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLookedUpFactorySendsAndReceivesOnALookedUpQueue() throws Exception {
        Context context = start(UnaryOperator.identity(), "");
        ConnectionFactory factory = (ConnectionFactory) context.lookup("Local");
        Queue queue = (Queue) context.lookup("Orders");

        assertThat(roundTrip(factory, queue, "first order")).isEqualTo("first order");
    }

    @Test
    void aFactoryRebuiltFromItsReferenceAfterSerializationStillConnects() throws Exception {
        Context context = start(UnaryOperator.identity(), "");
        NatsConnectionFactory bound = (NatsConnectionFactory) context.lookup("Local");
        NatsConnectionFactory rebuilt = (NatsConnectionFactory) new NatsObjectFactory()
                .getObjectInstance(deserialize(serialize(bound)).getReference(), null, null, null);
        Destination queue = (Destination) context.lookup("dynamicQueues/rebuilt");

        assertThat(roundTrip(rebuilt, queue, "via reference")).isEqualTo("via reference");
    }

    @Test
    void theUrlsCredentialsServeTheMethodsWithoutArgumentsAndWrongOnesAreASecurityFailure() throws Exception {
        Context context = start(config -> config.user("app").password("s3cret"), "app:s3cret@");
        NatsConnectionFactory factory = (NatsConnectionFactory) context.lookup("Local");

        assertThat(roundTrip(factory, new NatsChannelQueue("secured"), "authorised")).isEqualTo("authorised");
        try (Connection connection = factory.createConnection("app", "s3cret")) {
            assertThat(connection.getMetaData().getJMSVersion()).isEqualTo("3.1");
        }
        assertThatThrownBy(() -> factory.createConnection("app", "wrong")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createContext("app", "wrong", JMSContext.CLIENT_ACKNOWLEDGE))
                .isInstanceOf(JMSSecurityRuntimeException.class)
                .hasCauseInstanceOf(JMSSecurityException.class);
        try (JMSContext jmsContext = factory.createContext()) {
            assertThat(jmsContext.getSessionMode()).isEqualTo(JMSContext.AUTO_ACKNOWLEDGE);
        }
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
