package io.natsjms.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;

class NatsInitialContextFactoryTest {

    private static Hashtable<String, Object> environment(String... keysAndValues) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, NatsInitialContextFactory.class.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    @Test
    void theEnvironmentBindsFactoriesQueuesAndTopics() throws Exception {
        Context context = new InitialContext(environment(
                "connectionFactory.Orders", "nats://h1:4222,h2:4222?clusterId=prod&clientId=orders",
                "queue.OrderQueue", "orders",
                "topic.Prices", "prices?startPosition=last",
                "unrelated.key", "ignored"));

        NatsConnectionFactory factory = (NatsConnectionFactory) context.lookup("Orders");
        assertThat(factory.toConfig().servers()).containsExactly("nats://h1:4222", "nats://h2:4222");
        assertThat(factory.getClusterId()).isEqualTo("prod");
        assertThat(factory.getClientId()).isEqualTo("orders");
        assertThat(context.lookup("OrderQueue")).isEqualTo(new NatsChannelQueue("orders"));
        assertThat(((Queue) context.lookup("OrderQueue")).getQueueName()).isEqualTo("orders");
        assertThat(context.lookup("Prices")).isEqualTo(new NatsChannelTopic("prices?startPosition=last"));
        assertThat(((Topic) context.lookup("Prices")).getTopicName()).isEqualTo("prices");
    }

    @Test
    void connectionFactoryIsBoundToTheProviderUrlOrTheDefault() throws Exception {
        Context withUrl = new InitialContext(environment(Context.PROVIDER_URL, "nats://p:4333?clusterId=c1"));
        Context without = new InitialContext(environment());

        NatsConnectionFactory fromUrl = (NatsConnectionFactory) withUrl.lookup("ConnectionFactory");
        assertThat(fromUrl.getServerUrls()).isEqualTo("nats://p:4333");
        assertThat(fromUrl.getClusterId()).isEqualTo("c1");
        NatsConnectionFactory byDefault = (NatsConnectionFactory) without.lookup("ConnectionFactory");
        assertThat(byDefault.getServerUrls()).isEqualTo("nats://localhost:4222");
        assertThat(byDefault.getClusterId()).isEqualTo("test-cluster");
    }

    @Test
    void anExplicitConnectionFactoryBindingWinsOverTheDefault() throws Exception {
        Context context = new InitialContext(environment(Context.PROVIDER_URL, "nats://p:4333",
                "connectionFactory.ConnectionFactory", "nats://mine:4222"));

        assertThat(((NatsConnectionFactory) context.lookup("ConnectionFactory")).getServerUrls())
                .isEqualTo("nats://mine:4222");
    }

    @Test
    void dynamicNamesMakeDestinationsOnTheFly() throws Exception {
        Context context = new InitialContext(environment());

        assertThat(context.lookup("dynamicQueues/orders")).isEqualTo(new NatsChannelQueue("orders"));
        assertThat(context.lookup("dynamicTopics/prices.eu?startPosition=first"))
                .isEqualTo(new NatsChannelTopic("prices.eu?startPosition=first"));
        assertThat(context.lookup(new CompositeName("dynamicQueues/orders"))).isEqualTo(new NatsChannelQueue("orders"));
        assertThat(context.lookup(context.getNameParser("").parse("dynamicTopics/t"))).isEqualTo(new NatsChannelTopic("t"));
    }

    @Test
    void lookupByNameEqualsLookupByString() throws Exception {
        Context context = new InitialContext(environment("queue.jms/queue/orders", "orders"));

        assertThat(context.lookup(new CompositeName("jms/queue/orders"))).isEqualTo(new NatsChannelQueue("orders"));
        assertThat(context.lookup("jms/queue/orders")).isEqualTo(new NatsChannelQueue("orders"));
    }

    @Test
    void anUnknownNameIsNotFoundAndNamed() throws Exception {
        Context context = new InitialContext(environment("queue.Q", "q"));

        assertThatThrownBy(() -> context.lookup("Nope")).isInstanceOf(NameNotFoundException.class)
                .hasMessageStartingWith("name \"Nope\": not bound (expected: one of [ConnectionFactory, Q], or "
                        + "dynamicTopics/<channel> or dynamicQueues/<channel>)");
    }

    @Test
    void aBadDynamicDestinationFailsWithTheInvalidDestinationAsCause() throws Exception {
        Context context = new InitialContext(environment());

        assertThatThrownBy(() -> context.lookup("dynamicQueues/a..b")).isInstanceOf(NamingException.class)
                .hasMessage("dynamicQueues/a..b: queue \"a..b\": channel: \"a..b\" "
                        + "(expected: tokens separated by single '.', none empty)")
                .hasCauseInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> context.lookup("dynamicTopics/")).isInstanceOf(NamingException.class)
                .hasCauseInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void aBadEntryInTheEnvironmentFailsTheContextNamingTheEntry() {
        assertThatThrownBy(() -> new InitialContext(environment("topic.T", "prices.*")))
                .isInstanceOf(NamingException.class)
                .hasMessage("topic.T: topic \"prices.*\": channel: \"prices.*\" (expected: no wildcards '*' or '>')")
                .hasCauseInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> new InitialContext(environment("queue.Q", "q?startPosition=never")))
                .hasMessageStartingWith("queue.Q: ")
                .hasCauseInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> new InitialContext(environment("connectionFactory.CF", "nats://h?maxInFlight=0")))
                .isInstanceOf(NamingException.class)
                .hasMessage("connectionFactory.CF: maxInFlight: 0 (expected: >= 1)")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InitialContext(environment(Context.PROVIDER_URL, "ftp://h")))
                .hasMessage("java.naming.provider.url: url: \"ftp://h\" (expected: nats://host[:port] or tls://host[:port])");
        assertThatThrownBy(() -> new InitialContext(environment("queue.", "q")))
                .hasMessage("queue.: no name (expected: queue.<name>)");
        assertThatThrownBy(() -> new InitialContext(environment("queue.X", "q", "topic.X", "t")))
                .hasMessageMatching("name \"X\": bound by both (queue|topic)\\.X and (queue|topic)\\.X \\(expected: one binding per name\\)");
    }

    @Test
    void everyChangeOfBindingsIsRefused() throws Exception {
        Context context = new InitialContext(environment("queue.Q", "q"));
        CompositeName name = new CompositeName("Q");
        List<Callable<?>> operations = List.of(
                () -> { context.bind("X", "x"); return null; },
                () -> { context.bind(name, "x"); return null; },
                () -> { context.rebind("Q", "x"); return null; },
                () -> { context.rebind(name, "x"); return null; },
                () -> { context.unbind("Q"); return null; },
                () -> { context.unbind(name); return null; },
                () -> { context.rename("Q", "R"); return null; },
                () -> { context.rename(name, new CompositeName("R")); return null; },
                () -> context.createSubcontext("sub"),
                () -> context.createSubcontext(name),
                () -> { context.destroySubcontext("Q"); return null; },
                () -> { context.destroySubcontext(name); return null; });

        for (Callable<?> operation : operations) {
            assertThatThrownBy(operation::call).isInstanceOf(OperationNotSupportedException.class)
                    .hasMessageContaining("the natsjms JNDI context is read-only");
        }
        assertThatThrownBy(() -> context.bind("X", "x")).hasMessage("bind \"X\": the natsjms JNDI context is "
                + "read-only (expected: names configured in the environment or jndi.properties)");
        assertThat(context.lookup("Q")).isEqualTo(new NatsChannelQueue("q"));
    }

    @Test
    void theRootListsItsBindingsSortedByName() throws Exception {
        Context context = new InitialContext(environment("queue.Q", "q", "topic.T", "t",
                "connectionFactory.CF", "nats://h:1"));

        List<String> names = new ArrayList<>();
        for (NameClassPair pair : Collections.list(context.list(""))) {
            names.add(pair.getName() + "=" + pair.getClassName());
        }
        assertThat(names).containsExactly("CF=" + NatsConnectionFactory.class.getName(),
                "ConnectionFactory=" + NatsConnectionFactory.class.getName(),
                "Q=" + NatsChannelQueue.class.getName(), "T=" + NatsChannelTopic.class.getName());
        List<Binding> bindings = Collections.list(context.listBindings(new CompositeName("")));
        assertThat(bindings).extracting(Binding::getName).containsExactly("CF", "ConnectionFactory", "Q", "T");
        assertThat(bindings.get(2).getObject()).isEqualTo(new NatsChannelQueue("q"));
        assertThatThrownBy(() -> context.list("Q")).isInstanceOf(NotContextException.class);
        assertThatThrownBy(() -> context.listBindings("nope")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void theEmptyNameIsTheContextItself() throws Exception {
        Context context = new InitialContext(environment("queue.Q", "q"));

        Context self = (Context) context.lookup("");

        assertThat(self.lookup("Q")).isEqualTo(new NatsChannelQueue("q"));
        assertThat(self.getNameInNamespace()).isEmpty();
        assertThat(self.composeName("Q", "a/b")).isEqualTo("a/b/Q");
        assertThat(self.getEnvironment().get("queue.Q")).isEqualTo("q");
    }

    @Test
    void jndiPropertiesOnTheClassPathConfigureTheContext() throws Exception {
        URL directory = NatsInitialContextFactoryTest.class.getResource("jndi-test/");
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory}, original)) {
            Thread.currentThread().setContextClassLoader(loader);
            Hashtable<String, Object> extra = new Hashtable<>(Map.of("topic.Extra", "extra"));

            Context fileOnly = new InitialContext();
            Context merged = new InitialContext(extra);

            NatsConnectionFactory orders = (NatsConnectionFactory) fileOnly.lookup("OrdersFactory");
            assertThat(orders.getServerUrls()).isEqualTo("nats://h1:4222,nats://h2:4222");
            assertThat(orders.getClientId()).isEqualTo("orders");
            assertThat(((NatsConnectionFactory) fileOnly.lookup("ConnectionFactory")).getClusterId())
                    .isEqualTo("from-file");
            assertThat(fileOnly.lookup("OrderQueue")).isEqualTo(new NatsChannelQueue("orders"));
            assertThat(fileOnly.lookup("Prices")).isEqualTo(new NatsChannelTopic("prices?startPosition=last"));
            assertThat(merged.lookup("Extra")).isEqualTo(new NatsChannelTopic("extra"));
            assertThat(merged.lookup("OrderQueue")).isEqualTo(new NatsChannelQueue("orders"));
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }
}
