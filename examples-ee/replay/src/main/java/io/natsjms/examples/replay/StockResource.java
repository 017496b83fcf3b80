package io.natsjms.examples.replay;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The inventory over REST. {@code POST /api/stock/{sku}} records a stock change by appending a
 * {@link StockChange} to the event log (published when the EJB's transaction commits); the {@code GET}s read
 * the state the message-driven bean rebuilt from that log.
 *
 * <p>The connection factory is a Jakarta Connectors definition with a {@code LocalTransaction} pool (a
 * {@code @JMSConnectionFactoryDefinition} does not let an application choose the pool's transaction support
 * on every server). The container enlists the connection and commits it with the transaction, so a publish
 * that fails rolls the transaction back and the client is told (503, see {@link StreamingUnavailable}). The
 * transaction has no other resource, so XA would add nothing here (the order-events example shows it with a
 * database). With {@code NoTransaction} the sends would be published when {@code send} returns, before the
 * transaction's outcome is known.
 *
 * <p>The {@link Topic} is a Jakarta Connectors definition too, so that every server hands its properties to
 * the adapter's class the same way. Its channel is the property {@code channel}, not {@code name}: Open
 * Liberty keeps the definition's JNDI name under {@code name}.
 *
 * <p>The context comes from the factory, closed after the send (the adapter still publishes at commit),
 * not from {@code @Inject @JMSConnectionFactory}: Payara Server's injected context looks the factory up
 * as {@code <name>__pm}, a name it does not bind for an application-defined factory.
 */
@ConnectionFactoryDefinition(
        name = Inventory.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = Inventory.RESOURCE_ADAPTER,
        transactionSupport = TransactionSupportLevel.LocalTransaction)
@AdministeredObjectDefinition(
        name = Inventory.TOPIC,
        interfaceName = "jakarta.jms.Topic",
        className = Inventory.TOPIC_CLASS,
        resourceAdapter = Inventory.RESOURCE_ADAPTER,
        properties = "channel=" + Inventory.CHANNEL)
@Stateless
@Path("stock")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {

    /** Looked up rather than an injected {@code JMSContext}: see the class comment. */
    @Resource(lookup = Inventory.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource
    private SessionContext session;

    @Resource(lookup = Inventory.TOPIC)
    private Topic stockChanges;

    @Inject
    private StockLevels levels;

    /** Appends a change of {@code sku}'s stock and answers 202 with the event, or 400 when it is not valid. */
    @POST
    @Path("{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("sku") String sku, ChangeRequest request) {
        StockChange change;
        try {
            if (request == null || request.delta() == null) {
                throw new IllegalArgumentException("delta: missing (expected: {\"delta\": <a whole number>})");
            }
            change = StockChange.of(sku, request.delta());
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(stockChanges, change.toMap());
        } catch (JMSRuntimeException e) {
            session.setRollbackOnly();
            return StreamingUnavailable.answer("stock change of " + sku, e);
        }
        return Response.accepted(change).build();
    }

    /** Every article's stock. */
    @GET
    public StockView all() {
        return levels.view();
    }

    /** One article's stock; 404 if no change of it was applied (yet). */
    @GET
    @Path("{sku}")
    public StockLevel one(@PathParam("sku") String sku) {
        return levels.of(sku).orElseThrow(() -> new NotFoundException("sku: " + sku + " (no stock change applied)"));
    }
}
