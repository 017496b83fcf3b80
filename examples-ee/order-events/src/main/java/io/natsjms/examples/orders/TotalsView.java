package io.natsjms.examples.orders;

import java.util.List;

/**
 * The projection as {@code GET /api/totals} shows it.
 *
 * @param ordersCounted     events that were counted
 * @param duplicatesIgnored redelivered events that were recognized by their order ID and not counted again
 * @param customers         the totals per customer, by customer name
 */
public record TotalsView(int ordersCounted, int duplicatesIgnored, List<CustomerTotal> customers) {
}
