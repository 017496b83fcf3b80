package io.natsjms.ra;

import io.natsjms.jms.NatsXAConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One endpoint activation: keeps an {@link ActivationConnection} open from {@link #start()} to
 * {@link #stop()}. Connecting happens on a work-manager thread; when it fails, or an open connection is
 * lost, the activation closes what it had and tries again after a delay that doubles from
 * {@code reconnectInterval} up to {@link ActivationConfig#MAX_RECONNECT_INTERVAL}, logging each step.
 */
final class Activation {

    private static final System.Logger LOG = System.getLogger(Activation.class.getName());

    private final String name;
    private final ActivationConfig config;
    private final Destination destination;
    private final Supplier<NatsXAConnectionFactory> factories;
    private final MessageEndpointFactory endpoints;
    private final WorkManager workManager;
    private final EndpointDelivery delivery;
    /** The shared subscription name: the configured one, or one of this activation for non-durable ones. */
    private final String subscriptionName;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    /** The open connection, or null while (re)connecting or stopped; guarded by lock. */
    private ActivationConnection current;

    /**
     * @param factories a new provider factory per connection attempt, with the activation's settings
     */
    Activation(String name, ActivationConfig config, Destination destination,
               Supplier<NatsXAConnectionFactory> factories, MessageEndpointFactory endpoints, WorkManager workManager,
               EndpointDelivery delivery) {
        this.name = name;
        this.config = config;
        this.destination = destination;
        this.factories = factories;
        this.endpoints = endpoints;
        this.workManager = workManager;
        this.delivery = delivery;
        this.subscriptionName = config.subscriptionName() != null ? config.subscriptionName()
                : "natsjms-ra-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Starts connecting in the background. */
    void start() throws WorkException {
        workManager.scheduleWork(NamedWork.task(name + "-connect", () -> connectUntilStopped(Duration.ZERO)));
    }

    /** Stops delivering and closes the connection; returns when no delivery is in progress. */
    void stop() {
        ActivationConnection open;
        synchronized (lock) {
            stopped.countDown();
            open = current;
            current = null;
        }
        if (open != null) {
            open.close();
        }
        LOG.log(Level.INFO, "{0}: stopped", name);
    }

    /** Whether a connection is open (for tests and monitoring). */
    boolean isConnected() {
        synchronized (lock) {
            return current != null;
        }
    }

    /** Connects, waiting {@code delay} first and backing off after each failure, until connected or stopped. */
    private void connectUntilStopped(Duration delay) {
        Duration next = delay;
        int attempt = 0;
        while (waitUnlessStopped(next)) {
            attempt++;
            try {
                connect();
                return;
            } catch (JMSException | ResourceException | RuntimeException e) {
                next = backoff(next);
                LOG.log(Level.WARNING, "{0}: connecting to {1} failed (attempt {2}): {3}; next attempt in {4} ms",
                        name, destination, attempt, e, next.toMillis());
            }
        }
    }

    private void connect() throws JMSException, ResourceException {
        ActivationConnection opened = ActivationConnection.open(name, factories.get(), config, destination,
                subscriptionName, endpoints, delivery, this::failed);
        synchronized (lock) {
            if (stopped.getCount() == 0) {
                opened.close();
                return;
            }
            current = opened;
        }
        try {
            opened.startWorkers(workManager);
        } catch (WorkException | RuntimeException e) {
            synchronized (lock) {
                current = null;
            }
            opened.close();
            throw new ResourceException(name + ": the work manager refused a session worker", e);
        }
        LOG.log(Level.INFO, "{0}: consuming {1} with {2} session(s)", name, destination, config.maxSession());
    }

    /** A connection (or one of its workers) failed: replace it, unless it was replaced or stopped already. */
    private void failed(ActivationConnection connection, Exception cause) {
        synchronized (lock) {
            if (connection != current || stopped.getCount() == 0) {
                return;
            }
            current = null;
        }
        Duration delay = config.reconnectInterval();
        LOG.log(Level.WARNING, "{0}: lost its connection ({1}); reconnecting in {2} ms", name, cause, delay.toMillis());
        try {
            workManager.scheduleWork(NamedWork.task(name + "-reconnect", () -> {
                connection.close();
                connectUntilStopped(delay);
            }));
        } catch (WorkException e) {
            LOG.log(Level.ERROR, name + ": the work manager refused the reconnect work; the endpoint receives nothing"
                    + " until it is activated again", e);
        }
    }

    private Duration backoff(Duration previous) {
        Duration max = config.reconnectInterval().compareTo(ActivationConfig.MAX_RECONNECT_INTERVAL) > 0
                ? config.reconnectInterval() : ActivationConfig.MAX_RECONNECT_INTERVAL;
        Duration doubled = previous.isZero() ? config.reconnectInterval() : previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** Waits {@code delay}; false when the activation stopped meanwhile. */
    private boolean waitUnlessStopped(Duration delay) {
        try {
            return !stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
