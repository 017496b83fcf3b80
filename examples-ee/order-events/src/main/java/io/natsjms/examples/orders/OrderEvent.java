package io.natsjms.examples.orders;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * An order that was placed: the event published on the orders channel, as the entries of a
 * {@code MapMessage} (the amount travels as a decimal string, so no precision is lost).
 *
 * @param orderId  unique ID of the order; consumers use it to ignore redelivered events
 * @param customer who placed the order
 * @param amount   the order's value, positive, at most two decimals
 */
public record OrderEvent(String orderId, String customer, BigDecimal amount) {

    static final String ORDER_ID = "orderId";
    static final String CUSTOMER = "customer";
    static final String AMOUNT = "amount";

    /** Checks every field: the message names the field, its value and what was expected. */
    public OrderEvent {
        requireText(ORDER_ID, orderId);
        requireText(CUSTOMER, customer);
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(AMOUNT + ": " + amount + " (expected: a positive amount with at most two decimals)");
        }
    }

    /** A new order of {@code customer} with a fresh order ID. */
    public static OrderEvent placed(String customer, BigDecimal amount) {
        return new OrderEvent(UUID.randomUUID().toString(), customer, amount);
    }

    /** The event read back from the entries of a {@code MapMessage}. */
    public static OrderEvent fromMap(Map<?, ?> entries) {
        Object amount = entries.get(AMOUNT);
        BigDecimal value;
        try {
            value = amount == null ? null : new BigDecimal(amount.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(AMOUNT + ": \"" + amount + "\" (expected: a decimal number)", e);
        }
        return new OrderEvent(text(entries, ORDER_ID), text(entries, CUSTOMER), value);
    }

    /** The entries of the {@code MapMessage} that carries this event. */
    public Map<String, Object> toMap() {
        return Map.of(ORDER_ID, orderId, CUSTOMER, customer, AMOUNT, amount.toPlainString());
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
