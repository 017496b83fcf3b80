package io.natsjms.jms.config;

import java.util.regex.Pattern;

/**
 * The {@code clientIdPrefix} property: what sets one application's STAN client IDs apart from every
 * other application's on the same streaming server. A connection's STAN client ID is
 * {@code <prefix>_<JMS client ID>}, or {@code <prefix>_natsjms-<unique>} without a JMS client ID, so two
 * applications with different prefixes can use the same JMS client ID (and the same durable
 * subscription names) without meeting, and the server's monitoring shows whose a client is.
 *
 * <p>A prefix is letters, digits and {@code -} (no {@code _}, so the first {@code _} of a STAN client
 * ID always ends it). Unset, or {@value #NONE}, there is no prefix: the STAN client ID is the JMS client
 * ID. No default is derived from the machine: a durable subscription belongs to its JMS client ID and
 * name wherever the application runs, and a host-derived prefix would lose it whenever the application
 * moved to another host (a container restarted elsewhere). Give every application that shares a
 * streaming server a prefix of its own.
 */
public final class ClientIdPrefix {

    /** The value that turns the prefix off. */
    public static final String NONE = "none";
    /** What ends the prefix in a STAN client ID. */
    public static final String SEPARATOR = "_";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private ClientIdPrefix() {
    }

    /**
     * The prefix {@code text} stands for: itself, or empty for {@value #NONE}.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    static String parse(String key, String text) {
        String value = text.trim();
        if (NONE.equals(value)) {
            return "";
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: 1 to 64 letters, digits and '-',"
                    + " or " + NONE + ")");
        }
        return value;
    }

    /** The text form of a prefix: itself, or {@value #NONE} for the empty prefix. */
    static String format(Object value) {
        String prefix = (String) value;
        return prefix.isEmpty() ? NONE : prefix;
    }

    /** The STAN client ID of JMS client ID {@code jmsClientId} under {@code prefix} (empty: none). */
    public static String stanClientId(String prefix, String jmsClientId) {
        return prefix.isEmpty() ? jmsClientId : prefix + SEPARATOR + jmsClientId;
    }
}
