package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import jakarta.jms.JMSException;

/**
 * The provider's connection factory for XA transactions (two-phase commit with a transaction manager): a
 * {@link NatsConnectionFactory}, configured the same way (URL, bean properties, JNDI), that also creates
 * {@link NatsXAConnection XA connections} and {@link NatsXAJMSContext XA contexts}. Their sessions hold what
 * they send and consume while their {@code XAResource} is enlisted in a transaction; the streaming server
 * stores the branch durably at prepare and applies all of it at commit. The server must be natsjms's (the
 * original nats-streaming-server has no transactions: prepare and commit then fail with XAER_RMERR).
 *
 * <p>In JNDI: bind it with {@code xaConnectionFactory.<name>=<url>} in a
 * {@code io.natsjms.jms.jndi.NatsInitialContextFactory} environment, or bind an instance in any directory
 * (its reference rebuilds an XA factory).
 */
public final class NatsXAConnectionFactory extends NatsConnectionFactory
        implements XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory {

    private static final long serialVersionUID = 1L;

    /** A factory for {@code nats://localhost:4222}, cluster {@value ProviderConfig#DEFAULT_CLUSTER_ID}. */
    public NatsXAConnectionFactory() {
    }

    /**
     * A factory configured by {@code url}, as {@link NatsConnectionFactory#NatsConnectionFactory(String)}.
     *
     * @throws IllegalArgumentException naming the bad part of the URL
     */
    public NatsXAConnectionFactory(String url) {
        super(url);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsXAConnection.open(config, config.user(), config.password());
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return NatsXAConnection.open(toConfig(), userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsXAConnection.open(config, config.user(), config.password());
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return NatsXAConnection.open(toConfig(), userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsXAConnection.open(config, config.user(), config.password());
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return NatsXAConnection.open(toConfig(), userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        try {
            return new NatsXAJMSContext(createXAConnection());
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        try {
            return new NatsXAJMSContext(createXAConnection(userName, password));
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }
}
