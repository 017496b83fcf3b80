package io.natsjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.transaction.xa.XAResource;

/**
 * One connection of an activation with its {@code maxSession} sessions, each with a consumer, an endpoint
 * and a {@link SessionWorker}. A topic is consumed through a shared subscription (a STAN queue group), so
 * the sessions split its messages between them; a queue's sessions all join the queue's group. When the
 * endpoint's deliveries are transacted (a container-managed transaction), the connection is an XA
 * connection and each endpoint is created with its session's XAResource, so that the container enlists it
 * and the message's acknowledgement becomes part of the container's transaction. A failure
 * of the connection or of a worker is reported once to the activation, which closes this connection and
 * opens a new one.
 */
final class ActivationConnection {

    private static final System.Logger LOG = System.getLogger(ActivationConnection.class.getName());
    /** How long closing waits for a delivery in progress. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final String name;
    private final Connection connection;
    private final List<SessionWorker> workers = new ArrayList<>();
    private final BiConsumer<ActivationConnection, Exception> onFailure;

    private ActivationConnection(String name, Connection connection, BiConsumer<ActivationConnection, Exception> onFailure) {
        this.name = name;
        this.connection = connection;
        this.onFailure = onFailure;
    }

    /**
     * Connects, subscribes every session and creates its endpoint; the connection is started but no message
     * is delivered before {@link #startWorkers}.
     *
     * @param subscriptionName the shared subscription name of a topic (ignored for queues)
     * @param onFailure        told once when the connection or a worker fails
     */
    static <F extends ConnectionFactory & XAConnectionFactory> ActivationConnection open(
            String name, F factory, ActivationConfig config, Destination destination, String subscriptionName,
            MessageEndpointFactory endpoints, EndpointDelivery delivery,
            BiConsumer<ActivationConnection, Exception> onFailure) throws JMSException, ResourceException {
        boolean transacted = EndpointDelivery.isTransacted(endpoints);
        Connection connection = transacted ? factory.createXAConnection() : factory.createConnection();
        ActivationConnection opened = new ActivationConnection(name, connection, onFailure);
        try {
            opened.connection.setExceptionListener(opened::failed);
            for (int i = 1; i <= config.maxSession(); i++) {
                Session session;
                MessageEndpoint endpoint;
                XAResource xaResource = null;
                if (transacted) {
                    XASession xaSession = ((XAConnection) connection).createXASession();
                    session = xaSession.getSession();
                    xaResource = xaSession.getXAResource();
                    endpoint = endpoints.createEndpoint(xaResource);
                } else {
                    session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
                    endpoint = endpoints.createEndpoint(null);
                }
                MessageConsumer consumer;
                try {
                    consumer = subscribe(session, config, destination, subscriptionName);
                } catch (JMSException | RuntimeException e) {
                    endpoint.release();
                    throw e;
                }
                opened.workers.add(new SessionWorker(name + "-session-" + i, opened, session, consumer, endpoint,
                        delivery, config, xaResource));
            }
            opened.connection.start();
            return opened;
        } catch (JMSException | ResourceException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static MessageConsumer subscribe(Session session, ActivationConfig config, Destination destination,
                                             String subscriptionName) throws JMSException {
        if (destination instanceof Queue queue) {
            return session.createConsumer(queue, config.selector());
        }
        Topic topic = (Topic) destination;
        return config.durable()
                ? session.createSharedDurableConsumer(topic, subscriptionName, config.selector())
                : session.createSharedConsumer(topic, subscriptionName, config.selector());
    }

    /** Schedules every session's worker on {@code workManager}. */
    void startWorkers(WorkManager workManager) throws WorkException {
        for (SessionWorker worker : workers) {
            worker.scheduled(true);
            try {
                workManager.scheduleWork(worker);
            } catch (WorkException | RuntimeException e) {
                worker.scheduled(false);
                throw e;
            }
        }
    }

    /** Reports a failure to the activation (the exception listener and the workers call this). */
    void failed(Exception cause) {
        onFailure.accept(this, cause);
    }

    /**
     * Stops the workers (waiting for deliveries in progress), releases the endpoints and closes the
     * connection. Durable subscriptions are kept. Must not be called from a worker.
     */
    void close() {
        workers.forEach(SessionWorker::release);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        for (SessionWorker worker : workers) {
            if (!worker.isScheduled()) {
                worker.finish();
                continue;
            }
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!worker.finished().await(left, TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.WARNING, "{0}: a delivery did not end within {1} s; closing anyway", worker,
                            CLOSE_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.finish();
        }
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(Level.DEBUG, "{0}: closing the connection: {1}", name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
