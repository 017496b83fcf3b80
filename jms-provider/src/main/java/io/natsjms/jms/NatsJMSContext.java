package io.natsjms.jms;

import jakarta.jms.*;
import java.io.Serializable;

/** PLACEHOLDER so that NatsConnectionFactory compiles on its branch; the real class replaces it at merge. */
public final class NatsJMSContext implements JMSContext {

    private final Connection connection;
    private final int sessionMode;

    /** The context owning {@code connection}, which it closes when closed. */
    public NatsJMSContext(Connection connection, int sessionMode) {
        this.connection = connection;
        this.sessionMode = sessionMode;
    }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("placeholder");
    }

    @Override public int getSessionMode() { return sessionMode; }
    @Override public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
    @Override public JMSContext createContext(int sessionMode) { throw todo(); }
    @Override public JMSProducer createProducer() { throw todo(); }
    @Override public String getClientID() { throw todo(); }
    @Override public void setClientID(String clientID) { throw todo(); }
    @Override public ConnectionMetaData getMetaData() { throw todo(); }
    @Override public ExceptionListener getExceptionListener() { throw todo(); }
    @Override public void setExceptionListener(ExceptionListener listener) { throw todo(); }
    @Override public void start() { throw todo(); }
    @Override public void stop() { throw todo(); }
    @Override public void setAutoStart(boolean autoStart) { throw todo(); }
    @Override public boolean getAutoStart() { throw todo(); }
    @Override public BytesMessage createBytesMessage() { throw todo(); }
    @Override public MapMessage createMapMessage() { throw todo(); }
    @Override public Message createMessage() { throw todo(); }
    @Override public ObjectMessage createObjectMessage() { throw todo(); }
    @Override public ObjectMessage createObjectMessage(Serializable object) { throw todo(); }
    @Override public StreamMessage createStreamMessage() { throw todo(); }
    @Override public TextMessage createTextMessage() { throw todo(); }
    @Override public TextMessage createTextMessage(String text) { throw todo(); }
    @Override public boolean getTransacted() { throw todo(); }
    @Override public void commit() { throw todo(); }
    @Override public void rollback() { throw todo(); }
    @Override public void recover() { throw todo(); }
    @Override public JMSConsumer createConsumer(Destination d) { throw todo(); }
    @Override public JMSConsumer createConsumer(Destination d, String s) { throw todo(); }
    @Override public JMSConsumer createConsumer(Destination d, String s, boolean n) { throw todo(); }
    @Override public Queue createQueue(String name) { throw todo(); }
    @Override public Topic createTopic(String name) { throw todo(); }
    @Override public JMSConsumer createDurableConsumer(Topic t, String n) { throw todo(); }
    @Override public JMSConsumer createDurableConsumer(Topic t, String n, String s, boolean l) { throw todo(); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic t, String n) { throw todo(); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic t, String n, String s) { throw todo(); }
    @Override public JMSConsumer createSharedConsumer(Topic t, String n) { throw todo(); }
    @Override public JMSConsumer createSharedConsumer(Topic t, String n, String s) { throw todo(); }
    @Override public QueueBrowser createBrowser(Queue q) { throw todo(); }
    @Override public QueueBrowser createBrowser(Queue q, String s) { throw todo(); }
    @Override public TemporaryQueue createTemporaryQueue() { throw todo(); }
    @Override public TemporaryTopic createTemporaryTopic() { throw todo(); }
    @Override public void unsubscribe(String name) { throw todo(); }
    @Override public void acknowledge() { throw todo(); }
}
