package io.natsjms.examples.orders;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/recorded-orders}: places an order by writing its row in the database
 * ({@link OrderLedger}) <em>and</em> publishing its {@link OrderEvent}, in one XA transaction: both
 * happen or neither does, even if the application server or the streaming server fails between the two
 * (the transaction manager completes or rolls back the prepared branches when it recovers).
 * {@code GET /api/recorded-orders} lists the rows.
 *
 * <p>The connection factory is the second one the application defines, with an {@code XATransaction}
 * pool: the container enlists the connection's XAResource in the transaction next to the database's. The
 * query parameter {@code failAfterWrite=true} makes the request fail after the row was written and the event
 * sent, to see that neither stays.
 */
@ConnectionFactoryDefinition(
        name = OrderEvents.XA_CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = OrderEvents.RESOURCE_ADAPTER,
        transactionSupport = TransactionSupportLevel.XATransaction)
@Stateless
@Path("recorded-orders")
public class RecordedOrdersResource {

    @Resource(lookup = OrderEvents.XA_CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource(lookup = OrderEvents.TOPIC)
    private Topic orders;

    @Resource
    private SessionContext session;

    @EJB
    private OrderLedger ledger;

    /**
     * Records and publishes the order: 202 with the event; 400 for an invalid order; 503 when the streaming
     * server cannot take it; 500 with {@code failAfterWrite=true} (nothing is kept).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(OrderRequest request, @QueryParam("failAfterWrite") boolean failAfterWrite) {
        OrderEvent event;
        try {
            if (request == null) {
                throw new IllegalArgumentException("body: missing (expected: {\"customer\": ..., \"amount\": ...})");
            }
            event = OrderEvent.placed(request.customer(), request.amount());
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        ledger.record(event);
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(orders, event.toMap());
        } catch (JMSRuntimeException e) {
            session.setRollbackOnly();
            return StreamingUnavailable.answer("recorded order " + event.orderId(), e);
        }
        if (failAfterWrite) {
            session.setRollbackOnly();
            return Response.serverError().type(MediaType.APPLICATION_JSON).entity(Map.of("error",
                    "failed after writing order " + event.orderId() + " (failAfterWrite): neither the row nor the"
                    + " event is kept")).build();
        }
        return Response.accepted(event).build();
    }

    /** The recorded (committed) orders. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<OrderEvent> recorded() {
        return ledger.all();
    }
}
