package io.natsjms.ra;

import java.util.Locale;

/**
 * The standard {@code acknowledgeMode} activation property. Both modes acknowledge a message only after
 * its delivery succeeded (and its container transaction committed); STAN acknowledgements are
 * asynchronous already, so duplicates-OK has nothing cheaper to offer and behaves like auto.
 */
enum AcknowledgeMode {
    /** {@code Auto-acknowledge}. */
    AUTO,
    /** {@code Dups-ok-acknowledge}. */
    DUPS_OK;

    /**
     * Parses {@code Auto-acknowledge} or {@code Dups-ok-acknowledge} (any case; also
     * {@code AUTO_ACKNOWLEDGE}, {@code DUPS_OK_ACKNOWLEDGE}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    static AcknowledgeMode parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "auto-acknowledge":
                return AUTO;
            case "dups-ok-acknowledge":
                return DUPS_OK;
            default:
                throw new IllegalArgumentException("acknowledgeMode: \"" + value
                        + "\" (expected: Auto-acknowledge or Dups-ok-acknowledge)");
        }
    }
}
