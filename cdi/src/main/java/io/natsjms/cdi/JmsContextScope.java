package io.natsjms.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scope of the default {@code JMSContext} bean, chosen with {@value CdiConfig#JMS_CONTEXT_SCOPE}. */
enum JmsContextScope {

    /** One context per request (per thread while a request context is active), closed when the request ends. */
    REQUEST(RequestScoped.class),
    /** One context per injection point, closed when the bean it was injected into is destroyed. */
    DEPENDENT(Dependent.class);

    private final Class<? extends Annotation> annotation;

    JmsContextScope(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    /** The CDI scope annotation. */
    Class<? extends Annotation> annotation() {
        return annotation;
    }

    /** The name the configuration uses: {@code request} or {@code dependent}. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scope named {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming {@code key}, the value and the accepted names
     */
    static JmsContextScope parse(String key, String text) {
        String name = text.trim();
        for (JmsContextScope scope : values()) {
            if (scope.text().equalsIgnoreCase(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: "
                + Arrays.stream(values()).map(JmsContextScope::text).collect(Collectors.joining(" or ")) + ")");
    }
}
