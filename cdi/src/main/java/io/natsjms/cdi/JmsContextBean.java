package io.natsjms.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether, and in which scope, the default {@code JMSContext} bean is added: {@value CdiConfig#JMS_CONTEXT}. */
enum JmsContextBean {

    /** One context per request (per thread while a request context is active), closed when the request ends. */
    REQUEST(RequestScoped.class),
    /** One context per injection point, closed when the bean it was injected into is destroyed. */
    DEPENDENT(Dependent.class),
    /** No default JMSContext bean, for containers whose own bean the extension cannot see in time. */
    NONE(null);

    private final Class<? extends Annotation> scope;

    JmsContextBean(Class<? extends Annotation> scope) {
        this.scope = scope;
    }

    /** The CDI scope annotation of the bean, or empty when there is none to add. */
    Optional<Class<? extends Annotation>> scope() {
        return Optional.ofNullable(scope);
    }

    /** The name the configuration uses: {@code request}, {@code dependent} or {@code none}. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The choice named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming {@code key}, the value and the accepted names
     */
    static JmsContextBean parse(String key, String text) {
        String name = text.trim();
        for (JmsContextBean choice : values()) {
            if (choice.text().equalsIgnoreCase(name)) {
                return choice;
            }
        }
        throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: "
                + Arrays.stream(values()).map(JmsContextBean::text).collect(Collectors.joining(", ")) + ")");
    }
}
