package io.natsjms.examples.orders;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /api/orders}: places an order by publishing an {@link OrderEvent} to the orders topic. The bean
 * is a stateless EJB, so the send joins its container transaction and the event is published when the
 * transaction commits (and not at all when it rolls back).
 *
 * <p>The connection factory is a Jakarta Connectors definition with a {@code LocalTransaction} pool (a
 * {@code @JMSConnectionFactoryDefinition} does not let an application choose the pool's transaction support
 * on every server). The container enlists the connection and commits it with the transaction, so a publish
 * that fails rolls the transaction back and the client is told (503, see {@link StreamingUnavailable}). This
 * application's transaction has no other resource; where a database takes part too,
 * {@link RecordedOrdersResource} shows the XA pool that commits both atomically. With {@code NoTransaction}
 * the event would be published when {@code send} returns, before the transaction's outcome is known.
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
        name = OrderEvents.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = OrderEvents.RESOURCE_ADAPTER,
        transactionSupport = TransactionSupportLevel.LocalTransaction)
@AdministeredObjectDefinition(
        name = OrderEvents.TOPIC,
        interfaceName = "jakarta.jms.Topic",
        className = OrderEvents.TOPIC_CLASS,
        resourceAdapter = OrderEvents.RESOURCE_ADAPTER,
        properties = "channel=" + OrderEvents.CHANNEL)
@Stateless
@Path("orders")
public class OrdersResource {

    /** Looked up rather than an injected {@code JMSContext}: see the class comment. */
    @Resource(lookup = OrderEvents.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource
    private SessionContext session;

    @Resource(lookup = OrderEvents.TOPIC)
    private Topic orders;

    /** Publishes the order and answers 202 with the event, or 400 when the request is not a valid order. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(OrderRequest request) {
        OrderEvent event;
        try {
            if (request == null) {
                throw new IllegalArgumentException("body: missing (expected: {\"customer\": ..., \"amount\": ...})");
            }
            event = OrderEvent.placed(request.customer(), request.amount());
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(orders, event.toMap());
        } catch (JMSRuntimeException e) {
            session.setRollbackOnly();
            return StreamingUnavailable.answer("order " + event.orderId(), e);
        }
        return Response.accepted(event).build();
    }

    /**
     * Publishes the body as it is, as a text event, without checking it, and answers 202 with it: to try what
     * the bean does with an event it cannot read (it fails, is delivered again {@link
     * OrderEvents#MAX_REDELIVERIES} times, then moved to {@link OrderEvents#DEAD_LETTER_CHANNEL}).
     */
    @POST
    @Path("unchecked")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response placeUnchecked(String body) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(orders, body);
        } catch (JMSRuntimeException e) {
            session.setRollbackOnly();
            return StreamingUnavailable.answer("unchecked event", e);
        }
        return Response.accepted(Map.of("published", body)).build();
    }
}
