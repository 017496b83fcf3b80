package io.natsjms.ra;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider for tests: {@code new InitialContext()} sees the objects {@link #bind bound} here while
 * {@link #install()} is in effect. Only lookup by string name is offered.
 */
public final class TestNaming implements InitialContextFactory {

    private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    /** Makes {@code new InitialContext()} use this provider. */
    static void install() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNaming.class.getName());
    }

    /** Undoes {@link #install()} and forgets every binding. */
    static void uninstall() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BOUND.clear();
    }

    static void bind(String name, Object value) {
        BOUND.put(name, value);
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(TestNaming.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && args.length == 1 && args[0] instanceof String name) {
                        Object found = BOUND.get(name);
                        if (found == null) {
                            throw new NameNotFoundException(name);
                        }
                        return found;
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new OperationNotSupportedException(method.getName());
                });
    }
}
