package io.natsjms.jms.jndi;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.jms.NatsXAConnectionFactory;
import java.util.Enumeration;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds a {@link NatsConnectionFactory} from the {@link Reference} it gave a JNDI directory
 * ({@link NatsConnectionFactory#getReference()}): each string address is one property, its type the
 * property's name and its content the property's URL text form. A reference to a {@link NatsXAConnectionFactory}
 * rebuilds one.
 */
public final class NatsObjectFactory implements ObjectFactory {

    /** Used by JNDI. */
    public NatsObjectFactory() {
    }

    /**
     * The factory described by {@code obj}, or {@code null} when {@code obj} is not a reference to a
     * {@link NatsConnectionFactory} or {@link NatsXAConnectionFactory}.
     *
     * @throws NamingException naming an address that is not a property or holds a bad value
     */
    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        NatsConnectionFactory factory;
        if (NatsConnectionFactory.class.getName().equals(reference.getClassName())) {
            factory = new NatsConnectionFactory();
        } else if (NatsXAConnectionFactory.class.getName().equals(reference.getClassName())) {
            factory = new NatsXAConnectionFactory();
        } else {
            return null;
        }
        Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements()) {
            RefAddr address = addresses.nextElement();
            if (!(address instanceof StringRefAddr)) {
                throw new NamingException("reference address \"" + address.getType() + "\": "
                        + address.getClass().getName() + " (expected: a StringRefAddr)");
            }
            try {
                factory.setProperty(address.getType(), (String) address.getContent());
            } catch (IllegalArgumentException e) {
                NamingException failure = new NamingException(
                        "reference" + (name == null ? "" : " " + name) + ": " + e.getMessage());
                failure.setRootCause(e);
                throw failure;
            }
        }
        return factory;
    }
}
