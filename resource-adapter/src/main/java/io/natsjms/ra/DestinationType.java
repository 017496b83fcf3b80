package io.natsjms.ra;

import java.util.Locale;

/** The kind of destination an activation consumes: the standard {@code destinationType} property. */
enum DestinationType {
    /** Every subscription gets every message of the channel. */
    TOPIC,
    /** The consumers of the queue compete for its messages. */
    QUEUE;

    /**
     * Parses {@code jakarta.jms.Topic} or {@code jakarta.jms.Queue} (also the {@code javax.jms} names and the
     * short names {@code Topic}, {@code Queue}, in any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    static DestinationType parse(String value) {
        String name = value.trim();
        int dot = name.lastIndexOf('.');
        String prefix = dot < 0 ? "" : name.substring(0, dot);
        if (prefix.isEmpty() || prefix.equals("jakarta.jms") || prefix.equals("javax.jms")) {
            switch (name.substring(dot + 1).toLowerCase(Locale.ROOT)) {
                case "topic":
                    return TOPIC;
                case "queue":
                    return QUEUE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("destinationType: \"" + value
                + "\" (expected: jakarta.jms.Topic or jakarta.jms.Queue)");
    }
}
