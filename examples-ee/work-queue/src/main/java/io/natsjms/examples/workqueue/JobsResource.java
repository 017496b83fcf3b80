package io.natsjms.examples.workqueue;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jobs over REST. {@code POST /api/jobs} puts a batch of jobs on the queue (sent when the EJB's
 * transaction commits); the {@code GET}s read the {@link JobBook}.
 *
 * <p>The connection factory is a Jakarta Connectors definition with a {@code LocalTransaction} pool (a
 * {@code @JMSConnectionFactoryDefinition} does not let an application choose the pool's transaction support
 * on every server). The container enlists the connection and commits it with the transaction, so a publish
 * that fails rolls the transaction back and the client is told (503, see {@link StreamingUnavailable}). The
 * transaction has no other resource, so XA would add nothing here (the order-events example shows it with a
 * database). With {@code NoTransaction} the sends would be published when {@code send} returns, before the
 * transaction's outcome is known.
 *
 * <p>The {@link Queue} is a Jakarta Connectors definition too, so that every server hands its properties to
 * the adapter's class the same way. Its channel is the property {@code channel}, not {@code name}: Open
 * Liberty keeps the definition's JNDI name under {@code name}.
 *
 * <p>The context comes from the factory, closed after the send (the adapter still publishes at commit),
 * not from {@code @Inject @JMSConnectionFactory}: Payara Server's injected context looks the factory up
 * as {@code <name>__pm}, a name it does not bind for an application-defined factory.
 */
@ConnectionFactoryDefinition(
        name = WorkQueue.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = WorkQueue.RESOURCE_ADAPTER,
        transactionSupport = TransactionSupportLevel.LocalTransaction)
@AdministeredObjectDefinition(
        name = WorkQueue.QUEUE,
        interfaceName = "jakarta.jms.Queue",
        className = WorkQueue.QUEUE_CLASS,
        resourceAdapter = WorkQueue.RESOURCE_ADAPTER,
        properties = "channel=" + WorkQueue.CHANNEL)
@Stateless
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /** Looked up rather than an injected {@code JMSContext}: see the class comment. */
    @Resource(lookup = WorkQueue.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource
    private SessionContext session;

    @Resource(lookup = WorkQueue.QUEUE)
    private Queue jobs;

    @Inject
    private JobBook book;

    /** Queues {@code count} jobs and answers 202 with their IDs, or 400 when the request is not valid. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(JobBatchRequest request) {
        List<Job> batch = new ArrayList<>();
        try {
            if (request == null) {
                throw new IllegalArgumentException("body: missing (expected: {\"count\": ..., \"upTo\": ...})");
            }
            for (int i = request.jobCount(); i > 0; i--) {
                batch.add(Job.countPrimesUpTo(request.bound()));
            }
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer();
            batch.forEach(job -> producer.send(jobs, job.toMap()));
        } catch (JMSRuntimeException e) {
            session.setRollbackOnly();
            return StreamingUnavailable.answer(batch.size() + " job(s)", e);
        }
        // the jobs are published when the transaction commits, after this method: no bean has them yet
        List<String> ids = new ArrayList<>();
        for (Job job : batch) {
            book.submitted(job);
            ids.add(job.id());
        }
        return Response.accepted(Map.of("submitted", ids)).build();
    }

    /** The counts: jobs waiting, running and done, the most that ran at once, and the work per thread. */
    @GET
    public JobsSummary summary() {
        return book.summary();
    }

    /** One job: its state, result, and the thread and bean instance that processed it; 404 if unknown. */
    @GET
    @Path("{id}")
    public JobRecord job(@PathParam("id") String id) {
        return book.job(id).orElseThrow(() -> new NotFoundException("job: " + id + " (not known)"));
    }
}
