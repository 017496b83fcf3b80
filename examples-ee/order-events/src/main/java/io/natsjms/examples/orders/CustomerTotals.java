package io.natsjms.examples.orders;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The projection: totals per customer, folded from the order events. Delivery is at least once, so an event
 * whose order ID was already counted is ignored. It lives in memory: after a redeploy it starts from zero
 * and the durable subscription goes on where it left off (the replay example rebuilds its state instead).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CustomerTotals {

    private final Map<String, CustomerTotal> byCustomer = new TreeMap<>(); // guarded by this
    private final Set<String> countedOrders = new HashSet<>(); // guarded by this
    private int duplicates; // guarded by this

    /** Counts {@code event}; returns false, counting nothing, when its order was counted before. */
    public synchronized boolean apply(OrderEvent event) {
        if (!countedOrders.add(event.orderId())) {
            duplicates++;
            return false;
        }
        byCustomer.merge(event.customer(), new CustomerTotal(event.customer(), 1, event.amount()),
                (current, first) -> current.add(event.amount()));
        return true;
    }

    /** The total of one customer, empty if it placed no order. */
    public synchronized Optional<CustomerTotal> of(String customer) {
        return Optional.ofNullable(byCustomer.get(customer));
    }

    /** A snapshot of the whole projection. */
    public synchronized TotalsView view() {
        return new TotalsView(countedOrders.size(), duplicates, List.copyOf(byCustomer.values()));
    }
}
