package io.natsjms.tck;

import jakarta.jms.JMSException;
import java.io.UncheckedIOException;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The JNDI provider the TCK's {@code new InitialContext()} gets (system property
 * {@code java.naming.factory.initial}): a read-only context with the TCK's connection factories and
 * destinations, all pointing at the one in-process server of this JVM, started on first use.
 */
public final class TckInitialContextFactory implements InitialContextFactory {

    private static Map<String, Object> bindings;

    /** Creates the factory; JNDI calls this reflectively. */
    public TckInitialContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        return new ReadOnlyContext(bindings(), environment);
    }

    private static synchronized Map<String, Object> bindings() throws NamingException {
        if (bindings == null) {
            try {
                TckServer server = TckServer.get();
                bindings = TckBindings.create(server.natsUrl(), server.credentials());
            } catch (UncheckedIOException | JMSException e) {
                NamingException failure = new NamingException("TCK bindings: " + e.getMessage());
                failure.setRootCause(e);
                throw failure;
            }
        }
        return bindings;
    }
}
