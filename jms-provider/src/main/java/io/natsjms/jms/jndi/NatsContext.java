package io.natsjms.jms.jndi;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * The read-only, flat context {@link NatsInitialContextFactory} returns: lookups go to its
 * {@link JndiBindings}; listing works on the root (the empty name) only; binding, unbinding, renaming
 * and sub-contexts are refused. Its environment is its own copy and may be changed, which changes no
 * binding.
 */
final class NatsContext implements Context {

    private final JndiBindings bindings;
    private final Hashtable<Object, Object> environment;

    NatsContext(JndiBindings bindings, Hashtable<?, ?> environment) {
        this.bindings = bindings;
        this.environment = new Hashtable<>(environment);
    }

    // ---- lookups

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(text(name));
    }

    /** The bound or dynamic object; the empty name gives a new instance of this context. */
    @Override
    public Object lookup(String name) throws NamingException {
        if (name.isEmpty()) {
            return new NatsContext(bindings, environment);
        }
        return bindings.lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(text(name));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> entry : root(name).entrySet()) {
            pairs.add(new NameClassPair(entry.getKey(), entry.getValue().getClass().getName()));
        }
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(text(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        List<Binding> list = new ArrayList<>();
        for (Map.Entry<String, Object> entry : root(name).entrySet()) {
            list.add(new Binding(entry.getKey(), entry.getValue()));
        }
        return new ListEnumeration<>(list);
    }

    /** The bindings, when {@code name} is the root; bound objects are no contexts to list. */
    private Map<String, Object> root(String name) throws NamingException {
        if (name.isEmpty()) {
            return bindings.bound();
        }
        if (bindings.bound().containsKey(name)) {
            throw new NotContextException("name \"" + name + "\": not a context (expected: the root, \"\")");
        }
        throw new NameNotFoundException("name \"" + name + "\": no such context (expected: the root, \"\")");
    }

    /** A name as this context's string form: its components joined by {@code /}. */
    private static String text(Name name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.size(); i++) {
            text.append(i == 0 ? "" : "/").append(name.get(i));
        }
        return text.toString();
    }

    // ---- names

    @Override
    public NameParser getNameParser(Name name) {
        return NatsNameParser.INSTANCE;
    }

    @Override
    public NameParser getNameParser(String name) {
        return NatsNameParser.INSTANCE;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    // ---- environment

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    // ---- refused

    private static OperationNotSupportedException readOnly(String operation, Object name) {
        return new OperationNotSupportedException(operation + " \"" + name + "\": the natsjms JNDI context is"
                + " read-only (expected: names configured in the environment or jndi.properties)");
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext", name);
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext", name);
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext", name);
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext", name);
    }

    /** Enumerates a list made in advance. */
    private static final class ListEnumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> iterator;

        ListEnumeration(List<T> list) {
            this.iterator = list.iterator();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return iterator.hasNext();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean hasMoreElements() {
            return iterator.hasNext();
        }

        @Override
        public T nextElement() {
            if (!iterator.hasNext()) {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }
    }
}
