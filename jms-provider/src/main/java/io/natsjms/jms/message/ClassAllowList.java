package io.natsjms.jms.message;

import java.util.List;

/**
 * Which classes an {@link jakarta.jms.ObjectMessage} body may deserialize to. An entry is a package
 * name (allowing its classes and those of its sub-packages) or a fully qualified class name; the
 * single entry {@code "*"} allows everything (only for trusted publishers). Primitives are always
 * allowed and arrays are judged by their component type.
 *
 * @param entries the allowed packages and classes
 */
public record ClassAllowList(List<String> entries) {

    /** The entries of {@link #defaults()}. */
    public static final List<String> DEFAULT_ENTRIES = List.of("java.lang", "java.util", "java.time", "java.math");

    /** Validates and copies the entries. */
    public ClassAllowList {
        entries = List.copyOf(entries);
        for (String entry : entries) {
            if (entry.isBlank() || entry.startsWith(".") || entry.endsWith(".")) {
                throw new IllegalArgumentException("class allow-list entry: \"" + entry
                        + "\" (expected: a package or class name such as java.util, or *)");
            }
        }
    }

    /** The safe default: java.lang, java.util, java.time and java.math (and their sub-packages). */
    public static ClassAllowList defaults() {
        return new ClassAllowList(DEFAULT_ENTRIES);
    }

    /** The defaults plus {@code extra} entries, e.g. the application's own model package. */
    public static ClassAllowList defaultsPlus(String... extra) {
        List<String> all = new java.util.ArrayList<>(DEFAULT_ENTRIES);
        all.addAll(List.of(extra));
        return new ClassAllowList(all);
    }

    /** Whether objects of the class named {@code className} may be deserialized. */
    public boolean allows(String className) {
        for (String entry : entries) {
            if (entry.equals("*") || className.equals(entry) || className.startsWith(entry + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Whether objects of {@code type} (a primitive, an array or a class) may be deserialized. */
    public boolean allows(Class<?> type) {
        Class<?> component = type;
        while (component.isArray()) {
            component = component.getComponentType();
        }
        return component.isPrimitive() || allows(component.getName());
    }
}
