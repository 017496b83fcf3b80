package io.natsjms.tck;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory;

/**
 * The JNDI provider of the profile {@code tck-artemis}: every TCK name bound, through Artemis' own
 * {@link ActiveMQInitialContextFactory}, to Artemis connection factories and destinations of the one
 * embedded {@link ArtemisTckBroker} of this JVM. It lets a TCK class be run against Artemis exactly as
 * against natsjms, to see whether a failure is the provider's or the test's.
 */
public final class ArtemisTckInitialContextFactory implements InitialContextFactory {

    /** Creates the factory; JNDI calls this reflectively. */
    public ArtemisTckInitialContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        try {
            ArtemisTckBroker.start();
        } catch (IllegalStateException e) {
            NamingException failure = new NamingException("TCK bindings: " + e.getMessage());
            failure.setRootCause(e);
            throw failure;
        }
        Hashtable<Object, Object> merged = new Hashtable<>();
        if (environment != null) {
            merged.putAll(environment);
        }
        merged.putAll(TckBindings.environment(ArtemisTckBroker.URL,
                ArtemisTckBroker.URL + "?clientID=" + TckBindings.DURABLE_CLIENT_ID));
        return new ActiveMQInitialContextFactory().getInitialContext(merged);
    }
}
