package io.natsjms.jms.jndi;

import java.util.Properties;
import javax.naming.CompoundName;
import javax.naming.Name;
import javax.naming.NameParser;
import javax.naming.NamingException;

/** Parses names of the provider's context: components separated by {@code /}, read left to right. */
final class NatsNameParser implements NameParser {

    static final NatsNameParser INSTANCE = new NatsNameParser();

    private static final Properties SYNTAX = new Properties();

    static {
        SYNTAX.put("jndi.syntax.direction", "left_to_right");
        SYNTAX.put("jndi.syntax.separator", "/");
    }

    private NatsNameParser() {
    }

    @Override
    public Name parse(String name) throws NamingException {
        return new CompoundName(name, SYNTAX);
    }
}
