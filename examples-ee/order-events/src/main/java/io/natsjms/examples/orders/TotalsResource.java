package io.natsjms.examples.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/totals} and {@code GET /api/totals/{customer}}: the projection kept by the MDB. */
@RequestScoped
@Path("totals")
@Produces(MediaType.APPLICATION_JSON)
public class TotalsResource {

    @Inject
    private CustomerTotals totals;

    /** All customers' totals. */
    @GET
    public TotalsView all() {
        return totals.view();
    }

    /** One customer's total; 404 if the customer placed no order (yet). */
    @GET
    @Path("{customer}")
    public CustomerTotal one(@PathParam("customer") String customer) {
        return totals.of(customer).orElseThrow(() -> new NotFoundException("customer: " + customer + " (no order counted)"));
    }
}
