package io.natsjms.cdi;

import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.jms.config.FactoryProperty;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The configuration of the default beans, merged from the properties file ({@link CdiConfigFile}) and the
 * system properties, which win. Every connection factory property is {@value #PREFIX} followed by its
 * name in {@link FactoryProperty} ({@code natsjms.clusterId}) or {@code natsjms.url}, with the text form
 * the factory's URL parameters take; {@value #JMS_CONTEXT} picks the JMSContext bean's scope, or none.
 *
 * <p>The file belongs to natsjms, so a name in it that means nothing here is an error. System properties
 * are shared with everything else in the JVM: only the names above are read from them.
 *
 * @param factoryProperties connection factory property texts by factory property name ({@code clusterId})
 * @param jmsContext whether, and in which scope, the default JMSContext bean is added
 */
record CdiConfig(Map<String, String> factoryProperties, JmsContextBean jmsContext) {

    /** The prefix of every configuration name. */
    static final String PREFIX = "natsjms.";
    /** The system property naming the properties file. */
    static final String CONFIG_LOCATION = PREFIX + "config";
    /** The default JMSContext bean: {@code request} (the default), {@code dependent} or {@code none}. */
    static final String JMS_CONTEXT = PREFIX + "cdi.jmsContext";
    /** The factory's name for its connection URL, besides the {@link FactoryProperty} names. */
    private static final String URL = "url";

    CdiConfig {
        factoryProperties = Collections.unmodifiableMap(new LinkedHashMap<>(factoryProperties));
        Objects.requireNonNull(jmsContext, "jmsContext");
    }

    /**
     * The configuration from the file {@code system} names (or the default resource of {@code loader})
     * and from {@code system}.
     *
     * @throws IllegalArgumentException naming a missing file, an unknown name in the file or a bad JMSContext choice
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    static CdiConfig load(Properties system, ClassLoader loader) {
        return merge(CdiConfigFile.read(system.getProperty(CONFIG_LOCATION), loader), system);
    }

    /** The configuration of {@code file}, overridden by the known names of {@code system}. */
    static CdiConfig merge(Optional<CdiConfigFile.Contents> file, Properties system) {
        List<String> known = knownNames();
        Map<String, String> values = new LinkedHashMap<>();
        file.ifPresent(contents -> {
            for (String name : new TreeSet<>(contents.properties().stringPropertyNames())) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException(name + " in " + contents.source()
                            + ": unknown property (expected: one of " + String.join(", ", known) + ")");
                }
                values.put(name, contents.properties().getProperty(name));
            }
        });
        for (String name : known) {
            String value = system.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        String jmsContext = values.remove(JMS_CONTEXT);
        Map<String, String> factory = new LinkedHashMap<>();
        for (String name : known) {
            if (values.containsKey(name)) {
                factory.put(name.substring(PREFIX.length()), values.get(name));
            }
        }
        return new CdiConfig(factory, jmsContext == null || jmsContext.isBlank()
                ? JmsContextBean.REQUEST : JmsContextBean.parse(JMS_CONTEXT, jmsContext));
    }

    /** Every name read: {@code natsjms.url}, the factory properties in table order, the JMSContext choice. */
    static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        names.add(PREFIX + URL);
        for (FactoryProperty property : FactoryProperty.values()) {
            names.add(PREFIX + property.key());
        }
        names.add(JMS_CONTEXT);
        return names;
    }

    /**
     * A connection factory with {@link #factoryProperties()}, its values checked together.
     *
     * @throws IllegalArgumentException naming a bad value, or the values that do not fit together
     */
    NatsConnectionFactory newConnectionFactory() {
        NatsConnectionFactory factory = new NatsConnectionFactory();
        for (Map.Entry<String, String> property : factoryProperties.entrySet()) {
            try {
                factory.setProperty(property.getKey(), property.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
            }
        }
        try {
            factory.toConfig();
        } catch (JMSException e) {
            throw new IllegalArgumentException(PREFIX + "* properties: " + e.getMessage(), e);
        }
        return factory;
    }

    /** The configuration without the password. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(factoryProperties);
        shown.computeIfPresent(FactoryProperty.PASSWORD.key(), (key, value) -> "****");
        shown.computeIfPresent(URL, (key, value) -> value.contains("@") ? "****" : value);
        return "CdiConfig[factoryProperties=" + shown + ", jmsContext=" + jmsContext.text() + "]";
    }
}
