package io.natsjms.examples.orders;

import java.math.BigDecimal;

/**
 * What one customer has ordered so far.
 *
 * @param customer the customer
 * @param orders   how many orders were counted
 * @param total    the sum of their amounts
 */
public record CustomerTotal(String customer, int orders, BigDecimal total) {

    CustomerTotal add(BigDecimal amount) {
        return new CustomerTotal(customer, orders + 1, total.add(amount));
    }
}
