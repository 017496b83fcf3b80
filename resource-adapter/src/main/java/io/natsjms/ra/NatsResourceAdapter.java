package io.natsjms.ra;

import io.natsjms.jms.NatsXAConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * The natsjms resource adapter: the default NATS connection settings (inherited from
 * {@link ConnectionProperties}) for its message-driven beans and connection factories, and the endpoint
 * activations. Every activation has its own connection, so nothing is shared between the activations or
 * with outbound connections (an application server may create several adapter instances).
 */
public class NatsResourceAdapter extends ConnectionProperties implements ResourceAdapter {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(NatsResourceAdapter.class.getName());
    private static final AtomicInteger ACTIVATIONS = new AtomicInteger();

    private transient volatile BootstrapContext context;
    private final transient Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext bootstrapContext) throws ResourceAdapterInternalException {
        try {
            newFactory(null).toConfig();
        } catch (JMSException | IllegalArgumentException e) {
            ResourceAdapterInternalException invalid = new ResourceAdapterInternalException(
                    "natsjms resource adapter: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
        this.context = bootstrapContext;
        LOG.log(Level.INFO, "natsjms resource adapter started: {0}", newFactory(null));
    }

    @Override
    public void stop() {
        List<Activation> running = List.copyOf(activations.values());
        activations.clear();
        running.forEach(Activation::stop);
        context = null;
        LOG.log(Level.INFO, "natsjms resource adapter stopped ({0} activation(s) ended)", running.size());
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof NatsActivationSpec natsSpec)) {
            throw new NotSupportedException("activation spec: " + spec + " (expected: a " + NatsActivationSpec.class.getName() + ")");
        }
        BootstrapContext started = requireStarted();
        ActivationConfig config = ActivationConfig.of(natsSpec);
        Destination destination = ActivationDestination.resolve(config);
        checkSettings(natsSpec, config);
        String name = "natsjms-activation-" + ACTIVATIONS.incrementAndGet() + "[" + endpointFactory.getActivationName() + "]";
        Activation activation = new Activation(name, config, destination, () -> inboundFactory(natsSpec, config),
                endpointFactory, started.getWorkManager(), new EndpointDelivery(transactions(started)));
        ActivationKey key = new ActivationKey(endpointFactory, spec);
        if (activations.putIfAbsent(key, activation) != null) {
            throw new IllegalStateException("endpoint " + endpointFactory.getActivationName()
                    + " is already activated with this activation spec");
        }
        try {
            activation.start();
        } catch (WorkException e) {
            activations.remove(key);
            throw new ResourceException(name + ": the work manager refused the connect work", e);
        }
        LOG.log(Level.INFO, "{0}: activated for {1} with {2}", name, destination, config);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Activation activation = activations.remove(new ActivationKey(endpointFactory, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * One {@link RecoveryResource} per natsjms spec, for the container's recovery of the branches of
     * transacted deliveries: each connects when the transaction manager uses it, with the spec's settings but
     * without its client ID (the activation holds that one), and closes at the end of the scan.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        if (specs == null) {
            return new XAResource[0];
        }
        return Arrays.stream(specs).filter(NatsActivationSpec.class::isInstance)
                .map(spec -> new RecoveryResource(spec.toString(), () -> ((NatsActivationSpec) spec).newFactory(this)))
                .toArray(XAResource[]::new);
    }

    /** Identity: an adapter instance holds running activations. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    // ---- for the activations and the managed connection factories

    /** The provider factory of one connection attempt of an activation. */
    NatsXAConnectionFactory inboundFactory(NatsActivationSpec spec, ActivationConfig config) {
        NatsXAConnectionFactory factory = spec.newFactory(this);
        if (config.clientId() != null) {
            factory.setClientId(config.clientId());
        }
        if (config.maxInFlight() != null) {
            factory.setMaxInFlight(config.maxInFlight());
        }
        if (config.ackWait() != null) {
            factory.setAckWait(config.ackWait());
        }
        return factory;
    }

    /** The provider factory of one outbound physical connection: this adapter's settings under {@code overrides}. */
    NatsXAConnectionFactory outboundFactory(ConnectionProperties overrides) {
        return overrides.newFactory(this);
    }

    private static TransactionSynchronizationRegistry transactions(BootstrapContext context) {
        try {
            return context.getTransactionSynchronizationRegistry();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private BootstrapContext requireStarted() throws IllegalStateException {
        BootstrapContext current = context;
        if (current == null) {
            throw new IllegalStateException("natsjms resource adapter is not started (expected: start() before"
                    + " endpointActivation)");
        }
        return current;
    }

    private void checkSettings(NatsActivationSpec spec, ActivationConfig config) throws InvalidPropertyException {
        try {
            inboundFactory(spec, config).toConfig();
        } catch (JMSException | IllegalArgumentException e) {
            InvalidPropertyException invalid = new InvalidPropertyException("activation " + spec + ": " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** An activation's identity: the very endpoint factory and spec objects (JCA passes the same ones back). */
    private record ActivationKey(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ActivationKey key && key.endpointFactory == endpointFactory && key.spec == spec;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(endpointFactory) + System.identityHashCode(spec);
        }
    }
}
