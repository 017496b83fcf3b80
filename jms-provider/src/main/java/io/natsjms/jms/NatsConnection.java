package io.natsjms.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/** A JMS connection over one STAN connection. (Work in progress: the core lands next.) */
public final class NatsConnection implements Connection, QueueConnection, TopicConnection {

    private NatsConnection() {
    }

    /** Opens a connection with {@code config}, authenticating as {@code user}/{@code password} (may be null). */
    public static NatsConnection open(ProviderConfig config, String user, String password) throws JMSException {
        throw new JMSException("not built yet");
    }

    private static JMSException todo() {
        return new JMSException("not built yet");
    }

    @Override public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException { throw todo(); }
    @Override public Session createSession(int sessionMode) throws JMSException { throw todo(); }
    @Override public Session createSession() throws JMSException { throw todo(); }
    @Override public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException { throw todo(); }
    @Override public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException { throw todo(); }
    @Override public String getClientID() throws JMSException { throw todo(); }
    @Override public void setClientID(String clientID) throws JMSException { throw todo(); }
    @Override public ConnectionMetaData getMetaData() throws JMSException { throw todo(); }
    @Override public ExceptionListener getExceptionListener() throws JMSException { throw todo(); }
    @Override public void setExceptionListener(ExceptionListener listener) throws JMSException { throw todo(); }
    @Override public void start() throws JMSException { throw todo(); }
    @Override public void stop() throws JMSException { throw todo(); }
    @Override public void close() throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createConnectionConsumer(Destination d, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createConnectionConsumer(Queue d, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createConnectionConsumer(Topic d, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createSharedConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createDurableConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
    @Override public ConnectionConsumer createSharedDurableConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException { throw todo(); }
}
