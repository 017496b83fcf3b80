package io.natsjms.examples.orders;

import java.math.BigDecimal;

/**
 * The body of {@code POST /api/orders}: {@code {"customer": "alice", "amount": 12.50}}.
 *
 * @param customer who places the order
 * @param amount   the order's value
 */
public record OrderRequest(String customer, BigDecimal amount) {
}
