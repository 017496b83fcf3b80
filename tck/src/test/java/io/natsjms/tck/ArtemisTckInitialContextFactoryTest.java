package io.natsjms.tck;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The Artemis comparison context serves the same names, with Artemis objects of a live broker. */
class ArtemisTckInitialContextFactoryTest {

    private static Context context() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, ArtemisTckInitialContextFactory.class.getName());
        return new InitialContext(env);
    }

    @Test
    void servesArtemisFactoriesAndDestinationsUnderTheTckNames() throws Exception {
        Context context = context();

        assertThat(context.lookup(TckBindings.CONNECTION_FACTORY)).isInstanceOf(ActiveMQConnectionFactory.class);
        assertThat(context.lookup(TckBindings.QUEUE_CONNECTION_FACTORY)).isInstanceOf(QueueConnectionFactory.class);
        assertThat(context.lookup(TckBindings.TOPIC_CONNECTION_FACTORY)).isInstanceOf(TopicConnectionFactory.class);
        for (String name : TckBindings.QUEUES) {
            assertThat(((Queue) context.lookup(name)).getQueueName()).isEqualTo(name);
        }
        for (String name : TckBindings.TOPICS) {
            assertThat(((Topic) context.lookup(name)).getTopicName()).isEqualTo(name);
        }
    }

    @Test
    void durableFactoryCarriesTheTckClientIdAndTheBrokerDelivers() throws Exception {
        Context context = context();
        ConnectionFactory durable = (ConnectionFactory) context.lookup(TckBindings.DURABLE_CONNECTION_FACTORY);
        Queue queue = (Queue) context.lookup("Q2");

        try (Connection connection = durable.createConnection()) {
            assertThat(connection.getClientID()).isEqualTo(TckBindings.DURABLE_CLIENT_ID);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("through artemis"));

            Message received = consumer.receive(10_000);

            assertThat(received).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) received).getText()).isEqualTo("through artemis");
        }
    }
}
