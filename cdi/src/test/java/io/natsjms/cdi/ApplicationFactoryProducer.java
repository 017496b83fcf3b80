package io.natsjms.cdi;

import io.natsjms.jms.NatsConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;

/**
 * An application's own ConnectionFactory producer. Not a discovered bean (no bean-defining annotation):
 * the tests that want it add it to their container.
 */
public class ApplicationFactoryProducer {

    /** The client ID of the application's factory. */
    static final String CLIENT_ID = "from-application";
    /** The NATS URL the factory connects to, set by the test before the container starts. */
    static volatile String url;

    @Produces
    @ApplicationScoped
    ConnectionFactory connectionFactory() {
        NatsConnectionFactory factory = new NatsConnectionFactory(url);
        factory.setClusterId(CdiTestServer.CLUSTER);
        factory.setClientId(CLIENT_ID);
        return factory;
    }
}
