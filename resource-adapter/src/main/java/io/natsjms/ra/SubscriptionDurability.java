package io.natsjms.ra;

import java.util.Locale;

/** Whether a topic activation's subscription outlives the activation: {@code subscriptionDurability}. */
enum SubscriptionDurability {
    /** The subscription (a durable queue group) is kept while the endpoint is undeployed. */
    DURABLE,
    /** The subscription ends with the activation. */
    NON_DURABLE;

    /**
     * Parses {@code Durable} or {@code NonDurable} (any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    static SubscriptionDurability parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "durable":
                return DURABLE;
            case "nondurable":
            case "non-durable":
                return NON_DURABLE;
            default:
                throw new IllegalArgumentException("subscriptionDurability: \"" + value
                        + "\" (expected: Durable or NonDurable)");
        }
    }
}
