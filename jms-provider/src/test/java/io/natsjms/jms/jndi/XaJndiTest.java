package io.natsjms.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.jms.NatsXAConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

/** The XA connection factory through JNDI: bound from the environment, and rebuilt from its reference. */
class XaJndiTest {

    @Test
    void theEnvironmentBindsAnXaFactoryBesidesAPlainOne() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, NatsInitialContextFactory.class.getName());
        env.put("xaConnectionFactory.OrdersXA", "nats://h1:4222?clusterId=prod&ackWait=45");
        env.put("connectionFactory.Orders", "nats://h1:4222?clusterId=prod");
        Context context = new InitialContext(env);

        Object xa = context.lookup("OrdersXA");
        Object plain = context.lookup("Orders");

        assertThat(xa).isInstanceOf(NatsXAConnectionFactory.class);
        assertThat(((NatsXAConnectionFactory) xa).getClusterId()).isEqualTo("prod");
        assertThat(((NatsXAConnectionFactory) xa).getAckWait()).isEqualTo(45);
        assertThat(plain).isNotInstanceOf(XAConnectionFactory.class);
    }

    @Test
    void theReferenceOfAnXaFactoryRebuildsAnXaFactoryWithTheSameConfiguration() throws Exception {
        NatsXAConnectionFactory factory = new NatsXAConnectionFactory("nats://u:p@h1:4222,h2:4222?clusterId=prod");
        factory.setMaxInFlight(7);

        Reference reference = factory.getReference();
        Object rebuilt = new NatsObjectFactory().getObjectInstance(reference, null, null, null);

        assertThat(reference.getClassName()).isEqualTo(NatsXAConnectionFactory.class.getName());
        assertThat(rebuilt).isInstanceOf(NatsXAConnectionFactory.class);
        assertThat(((NatsConnectionFactory) rebuilt).toConfig()).isEqualTo(factory.toConfig());
        assertThat(rebuilt.toString()).startsWith("NatsXAConnectionFactory").doesNotContain("p@");
    }
}
