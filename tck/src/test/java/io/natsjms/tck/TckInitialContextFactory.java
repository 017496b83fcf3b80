package io.natsjms.tck;

import io.natsjms.jms.jndi.NatsInitialContextFactory;
import java.io.UncheckedIOException;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The JNDI provider the TCK's {@code new InitialContext()} gets (system property
 * {@code java.naming.factory.initial}): the provider's own read-only {@link NatsInitialContextFactory}
 * context, with the TCK's connection factories and destinations bound to the one in-process server of
 * this JVM, started on first use.
 */
public final class TckInitialContextFactory implements InitialContextFactory {

    private static Map<String, String> bindings;

    /** Creates the factory; JNDI calls this reflectively. */
    public TckInitialContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> merged = new Hashtable<>();
        if (environment != null) {
            merged.putAll(environment);
        }
        merged.putAll(bindings());
        return new NatsInitialContextFactory().getInitialContext(merged);
    }

    private static synchronized Map<String, String> bindings() throws NamingException {
        if (bindings == null) {
            try {
                TckServer server = TckServer.get();
                bindings = TckBindings.environment(server.natsUrl(), server.credentials());
            } catch (UncheckedIOException e) {
                NamingException failure = new NamingException("TCK bindings: " + e.getMessage());
                failure.setRootCause(e);
                throw failure;
            }
        }
        return bindings;
    }
}
