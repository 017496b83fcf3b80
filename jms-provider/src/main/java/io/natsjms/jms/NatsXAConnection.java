package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/**
 * A connection that also creates {@link NatsXASession XA sessions}, each with its own XAResource; its
 * {@code createSession} methods create ordinary sessions, as on any connection.
 */
public final class NatsXAConnection extends NatsConnection implements XAConnection, XAQueueConnection, XATopicConnection {

    private NatsXAConnection(ProviderConfig config, String user, String password) {
        super(config, user, password);
    }

    /**
     * Opens an XA connection, as {@link NatsConnection#open} opens a connection.
     *
     * @throws JMSException as {@link NatsConnection#open}
     */
    public static NatsXAConnection open(ProviderConfig config, String user, String password) throws JMSException {
        NatsXAConnection connection = new NatsXAConnection(config, user, password);
        connection.connectFirst();
        return connection;
    }

    @Override
    public XASession createXASession() throws JMSException {
        return register(new NatsXASession(this, SessionKind.GENERIC));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return register(new NatsXASession(this, SessionKind.QUEUE));
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return register(new NatsXASession(this, SessionKind.TOPIC));
    }
}
