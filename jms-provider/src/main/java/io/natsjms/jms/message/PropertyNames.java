package io.natsjms.jms.message;

import java.util.Locale;
import java.util.Set;

/**
 * Property name rules (JMS 3.1 §3.5.1, §3.8.1.1): a name is a selector identifier — a Java identifier
 * that is not one of the selector's reserved words. The {@code JMSX} prefix is reserved for the
 * properties the specification defines (§3.5.9), so only those {@code JMSX} names are accepted.
 */
final class PropertyNames {

    /** The provider-set delivery count property. */
    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final Set<String> RESERVED_WORDS = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private static final Set<String> JMSX_NAMES = Set.of(
            "JMSXUserID", "JMSXAppID", JMSX_DELIVERY_COUNT, "JMSXGroupID", "JMSXGroupSeq",
            "JMSXProducerTXID", "JMSXConsumerTXID", "JMSXRcvTimestamp", "JMSXState");

    private PropertyNames() {
    }

    /**
     * Returns {@code name} if it is a valid property name.
     *
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name: " + quoted(name) + " (expected: a non-empty name)");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw notIdentifier(name);
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw notIdentifier(name);
            }
        }
        if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("property name: " + quoted(name)
                    + " (expected: not one of the selector words " + RESERVED_WORDS + ")");
        }
        if (name.startsWith("JMSX") && !JMSX_NAMES.contains(name)) {
            throw new IllegalArgumentException("property name: " + quoted(name)
                    + " (expected: the JMSX prefix only on the names JMS defines: " + JMSX_NAMES + ")");
        }
        return name;
    }

    private static IllegalArgumentException notIdentifier(String name) {
        return new IllegalArgumentException("property name: " + quoted(name) + " (expected: a Java identifier)");
    }

    private static String quoted(String name) {
        return name == null ? "null" : "\"" + name + "\"";
    }
}
