package io.natsjms.examples.replay;

import java.util.Map;
import java.util.UUID;

/**
 * One event of the inventory's log: the stock of an article went up (goods received) or down (goods
 * shipped). It travels as the entries of a {@code MapMessage}.
 *
 * @param eventId unique ID of the event; the fold uses it to apply each event once
 * @param sku     the article
 * @param delta   the change of its stock, not zero
 */
public record StockChange(String eventId, String sku, long delta) {

    static final String EVENT_ID = "eventId";
    static final String SKU = "sku";
    static final String DELTA = "delta";

    /** Checks every field: the message names the field, its value and what was expected. */
    public StockChange {
        requireText(EVENT_ID, eventId);
        requireText(SKU, sku);
        if (delta == 0) {
            throw new IllegalArgumentException(DELTA + ": 0 (expected: a positive or negative change)");
        }
    }

    /** A new change of {@code sku}'s stock with a fresh event ID. */
    public static StockChange of(String sku, long delta) {
        return new StockChange(UUID.randomUUID().toString(), sku, delta);
    }

    /** The event read back from the entries of a {@code MapMessage}. */
    public static StockChange fromMap(Map<?, ?> entries) {
        Object delta = entries.get(DELTA);
        if (!(delta instanceof Long || delta instanceof Integer || delta instanceof Short)) {
            throw new IllegalArgumentException(DELTA + ": " + delta + " (expected: a whole number)");
        }
        return new StockChange(text(entries, EVENT_ID), text(entries, SKU), ((Number) delta).longValue());
    }

    /** The entries of the {@code MapMessage} that carries this event. */
    public Map<String, Object> toMap() {
        return Map.of(EVENT_ID, eventId, SKU, sku, DELTA, delta);
    }

    private static String text(Map<?, ?> entries, String key) {
        Object value = entries.get(key);
        return value == null ? null : value.toString();
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "missing" : "\"" + value + "\"")
                    + " (expected: a non-empty string)");
        }
    }
}
