package io.natsjms.jms.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * A read-only JNDI context for standalone clients, configured only by its environment (to which
 * {@code new InitialContext()} adds {@code jndi.properties}):
 * <pre>
 * java.naming.factory.initial = io.natsjms.jms.jndi.NatsInitialContextFactory
 * java.naming.provider.url    = nats://localhost:4222?clusterId=test-cluster   (the "ConnectionFactory")
 * connectionFactory.Orders    = nats://h1:4222,h2:4222?clusterId=prod&amp;clientId=orders
 * xaConnectionFactory.OrdersXA = nats://h1:4222,h2:4222?clusterId=prod   (an XA connection factory)
 * queue.OrderQueue            = orders
 * topic.Prices                = prices?startPosition=last
 * </pre>
 * {@code dynamicQueues/<channel>} and {@code dynamicTopics/<channel>} look destinations up without
 * configuring them. Each call makes new objects from the environment.
 */
public final class NatsInitialContextFactory implements InitialContextFactory {

    /** Used by JNDI. */
    public NatsInitialContextFactory() {
    }

    /**
     * A context serving the names of {@code environment}.
     *
     * @throws NamingException naming the entry whose URL or channel is invalid (the parse failure is its
     *                         cause)
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        return new NatsContext(JndiBindings.from(env), env);
    }
}
