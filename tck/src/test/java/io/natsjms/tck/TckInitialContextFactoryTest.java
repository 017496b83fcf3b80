package io.natsjms.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;

/** The names the TCK looks up, through the same {@code new InitialContext()} the TCK uses. */
class TckInitialContextFactoryTest {

    private static Context context() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, TckInitialContextFactory.class.getName());
        return new InitialContext(env);
    }

    @Test
    void servesTheFactoriesWithTheTypesTheTckCastsTo() throws Exception {
        Context context = context();

        assertThat(context.lookup(TckBindings.CONNECTION_FACTORY)).isInstanceOf(ConnectionFactory.class);
        assertThat(context.lookup(TckBindings.QUEUE_CONNECTION_FACTORY)).isInstanceOf(QueueConnectionFactory.class);
        assertThat(context.lookup(TckBindings.TOPIC_CONNECTION_FACTORY)).isInstanceOf(TopicConnectionFactory.class);
        assertThat(context.lookup(TckBindings.DURABLE_CONNECTION_FACTORY)).isInstanceOf(TopicConnectionFactory.class);
    }

    @Test
    void servesEveryQueueAndTopicUnderItsOwnName() throws Exception {
        Context context = context();

        for (String name : TckBindings.QUEUES) {
            assertThat(((Queue) context.lookup(name)).getQueueName()).isEqualTo(name);
        }
        for (String name : TckBindings.TOPICS) {
            assertThat(((Topic) context.lookup(name)).getTopicName()).isEqualTo(name);
        }
    }

    @Test
    void unknownNamesAndWritesAreRefused() throws Exception {
        Context context = context();

        assertThatThrownBy(() -> context.lookup("NO_SUCH_QUEUE"))
                .isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("NO_SUCH_QUEUE")
                .hasMessageContaining("MY_QUEUE");
        assertThatThrownBy(() -> context.bind("MY_QUEUE", "x")).isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void durableFactoryConnectionsCarryTheClientIdTheTckExpects() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context().lookup(TckBindings.DURABLE_CONNECTION_FACTORY);

        try (Connection connection = factory.createConnection()) {
            assertThat(connection.getClientID()).isEqualTo(TckBindings.DURABLE_CLIENT_ID);
        }
    }

    @Test
    void theBrokerRefusesOtherCredentialsWhenTheTckHasSome() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context().lookup(TckBindings.CONNECTION_FACTORY);
        TckCredentials credentials = TckCredentials.fromSystemProperties();

        try (Connection connection = credentials.required()
                ? factory.createConnection(credentials.user(), credentials.password())
                : factory.createConnection()) {
            assertThat(connection.getMetaData().getJMSVersion()).isEqualTo("3.1");
        }
        if (credentials.required()) {
            assertThatThrownBy(() -> factory.createConnection("invalid", "invalid"))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }
}
