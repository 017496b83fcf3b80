package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.jms.message.MessageCodec;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanConnectionListener;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSettings;
import io.natsjms.protocol.ClientIds;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JMS connection: one STAN connection (one NATS connection) shared by its sessions. The STAN client ID
 * is the configured client-ID prefix, {@code _} and the JMS client ID when one is set (so durable
 * subscriptions survive the connection, and applications with different prefixes never meet), otherwise
 * the prefix, {@code _} and a generated ID ({@link io.natsjms.jms.config.ClientIdPrefix});
 * {@link #setClientID} reconnects under the new ID, which is allowed because it must come before any
 * other use.
 */
public sealed class NatsConnection implements Connection, QueueConnection, TopicConnection
        permits NatsXAConnection {

    private static final System.Logger LOG = System.getLogger(NatsConnection.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProviderConfig config;
    private final String user;
    private final String password;
    /** Identifies this connection in the messages it sends (noLocal). */
    private final String id = StanConnection.newGuid();
    private final MessageCodec codec;
    private final Set<NatsSession> sessions = new CopyOnWriteArraySet<>();
    private final TemporaryDestinations temporaries = new TemporaryDestinations(this);
    private final SharedSubscriptions shared = new SharedSubscriptions();
    private final Object lifecycle = new Object();

    private volatile StanConnection stan;
    private volatile String clientId;
    private volatile boolean clientIdLocked;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile ExceptionListener exceptionListener;
    private SubscriptionRegistry registry;
    private ScheduledExecutorService scheduler;

    NatsConnection(ProviderConfig config, String user, String password) {
        this.config = config;
        this.user = user;
        this.password = password;
        this.codec = new MessageCodec(config.codec());
    }

    /**
     * Opens a connection with {@code config}, authenticating to NATS as {@code user}/{@code password}
     * (both may be null). The NATS connection and the STAN handshake happen here.
     *
     * @throws jakarta.jms.JMSSecurityException when NATS refuses the credentials
     * @throws InvalidClientIDException when the configured client ID is invalid or in use
     */
    public static NatsConnection open(ProviderConfig config, String user, String password) throws JMSException {
        NatsConnection connection = new NatsConnection(config, user, password);
        connection.connectFirst();
        return connection;
    }

    /** Connects for the first time, with the configured client ID or a generated one. */
    void connectFirst() throws JMSException {
        String configured = config.clientId();
        if (configured != null) {
            requireValidClientId(configured);
            stan = connect(config.stanClientId(configured));
            clientId = configured;
            clientIdLocked = true;
        } else {
            stan = connect(config.stanClientId("natsjms-" + StanConnection.newGuid()));
        }
    }

    private static void requireValidClientId(String value) throws InvalidClientIDException {
        if (value == null || !ClientIds.isValid(value)) {
            throw new InvalidClientIDException("client ID: " + (value == null ? "null" : "\"" + value + "\"")
                    + " (expected: one or more of a-z, A-Z, 0-9, '-' and '_', as STAN client IDs)");
        }
    }

    private StanConnection connect(String stanClientId) throws JMSException {
        try {
            return StanConnection.connect(stanSettings(stanClientId), new Listener());
        } catch (StanException e) {
            throw JmsExceptions.of("connect to " + config.servers() + " as client \"" + stanClientId + "\"", e);
        } catch (IllegalArgumentException e) {
            throw JmsExceptions.of("connect to " + config.servers(), e);
        }
    }

    /** The STAN settings of this connection as client {@code stanClientId}, with its credentials. */
    private StanSettings stanSettings(String stanClientId) {
        StanSettings.Builder builder = StanSettings.builder(config.clusterId(), stanClientId)
                .servers(config.servers())
                .connectWait(config.connectTimeout())
                .pubAckWait(config.pubAckTimeout())
                .pingInterval(config.pingInterval())
                .pingMaxOut(config.pingMaxOut());
        if (config.tls().configured()) {
            builder.sslContext(config.tls().sslContext());
        }
        if (user != null) {
            builder.userInfo(user, password);
        }
        return builder.build();
    }

    // ---- sessions ----

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionKind.GENERIC);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode, SessionKind.GENERIC);
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession(false, Session.AUTO_ACKNOWLEDGE, SessionKind.GENERIC);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionKind.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession(transacted, transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, SessionKind.TOPIC);
    }

    private NatsSession newSession(boolean transacted, int mode, SessionKind kind) throws JMSException {
        checkOpen();
        clientIdLocked = true;
        if (!transacted && mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("session mode: " + mode + " (expected: AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2),"
                    + " DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0))");
        }
        return register(new NatsSession(this, transacted, transacted ? Session.SESSION_TRANSACTED : mode, kind));
    }

    /** Counts a new session of this connection (which locks the client ID). */
    <S extends NatsSession> S register(S session) throws JMSException {
        checkOpen();
        clientIdLocked = true;
        sessions.add(session);
        return session;
    }

    void sessionClosed(NatsSession session) {
        sessions.remove(session);
    }

    // ---- client ID, metadata, listener ----

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String value) throws JMSException {
        checkOpen();
        synchronized (lifecycle) {
            if (clientIdLocked) {
                throw new IllegalStateException("setClientID(\"" + value + "\"): the client ID "
                        + (clientId != null ? "is already \"" + clientId + "\"" : "can no longer be set: the connection was used")
                        + " (expected: setClientID first, before any other use of the connection)");
            }
            requireValidClientId(value);
            StanConnection fresh = connect(config.stanClientId(value));
            StanConnection previous = stan;
            stan = fresh;
            clientId = value;
            clientIdLocked = true;
            closeQuietly(previous);
        }
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return NatsConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        clientIdLocked = true;
        exceptionListener = listener;
    }

    // ---- start / stop / close ----

    @Override
    public void start() throws JMSException {
        checkOpen();
        synchronized (lifecycle) {
            clientIdLocked = true;
            started = true;
            for (NatsSession session : sessions) {
                session.resumeDelivery();
            }
        }
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        for (NatsSession session : sessions) {
            if (session.delivery().isListenerThread()) {
                throw new IllegalStateException("connection stop() called from a message listener of this connection"
                        + " (expected: from another thread)");
            }
        }
        synchronized (lifecycle) {
            clientIdLocked = true;
            started = false;
            for (NatsSession session : sessions) {
                session.awaitDeliveryIdle();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        refuseFromCallback("close");
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            started = false;
            JMSException failure = null;
            for (NatsSession session : List.copyOf(sessions)) {
                try {
                    session.close();
                } catch (JMSException e) {
                    failure = failure == null ? e : failure;
                }
            }
            temporaries.closeAll();
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            closeQuietly(stan);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void refuseFromCallback(String operation) throws IllegalStateException {
        for (NatsSession session : sessions) {
            if (session.isCallbackThread()) {
                throw new IllegalStateException("connection " + operation + "() called from a message or"
                        + " completion listener of this connection (expected: from another thread)");
            }
        }
    }

    private static void closeQuietly(StanConnection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (StanException e) {
            LOG.log(Level.DEBUG, "closing STAN connection: {0}", e.getMessage());
        }
    }

    // ---- connection consumers (application server facility, optional in the specification) ----

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
                                                       ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String name, String selector,
                                                             ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String name, String selector,
                                                              ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String name, String selector,
                                                                    ServerSessionPool pool, int maxMessages)
            throws JMSException {
        throw connectionConsumers();
    }

    private JMSException connectionConsumers() throws JMSException {
        checkOpen();
        return new JMSException("connection consumers (ServerSessionPool) are an optional application-server"
                + " facility this provider does not offer (expected: MessageListener, or the natsjms resource"
                + " adapter's message-driven beans)");
    }

    // ---- for sessions and consumers ----

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("connection is closed");
        }
    }

    boolean isStarted() {
        return started && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    StanConnection stan() {
        return stan;
    }

    ProviderConfig config() {
        return config;
    }

    MessageCodec codec() {
        return codec;
    }

    String id() {
        return id;
    }

    /**
     * What this connection's messages carry for noLocal: the client ID when there is one (the
     * specification counts every connection with the same client ID as local), else the connection's ID.
     */
    String origin() {
        String current = clientId;
        return current != null ? "client:" + config.stanClientId(current) : id;
    }

    /** The JMS client ID, or null. */
    String jmsClientId() {
        return clientId;
    }

    /**
     * The JMS client ID as it scopes things on the server (shared subscription groups, durable
     * subscription records): with the configured client-ID prefix, like the STAN client ID; or null.
     */
    String scopedClientId() {
        String current = clientId;
        return current == null ? null : config.stanClientId(current);
    }

    TemporaryDestinations temporaries() {
        return temporaries;
    }

    SharedSubscriptions shared() {
        return shared;
    }

    /** The durable-subscription records of this client ID (needs a client ID). */
    synchronized SubscriptionRegistry registry() throws JMSException {
        if (clientId == null) {
            throw new IllegalStateException("durable subscriptions need a client ID (expected: setClientID, or a"
                    + " clientId in the connection factory's configuration)");
        }
        if (registry == null) {
            registry = SubscriptionRegistry.load(stan, scopedClientId(), config.connectTimeout().multipliedBy(5));
        }
        return registry;
    }

    /**
     * The records that scope durable subscriptions: the client ID's, or without a client ID (allowed for
     * shared durable subscriptions only) the common ones, read afresh each time.
     */
    SubscriptionRegistry durableRegistry() throws JMSException {
        if (clientId != null) {
            return registry();
        }
        return SubscriptionRegistry.loadShared(stan, config.connectTimeout().multipliedBy(5));
    }

    /** A timer thread for delivery delays to temporary destinations (the sender holds those), started on first use. */
    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "natsjms-timer-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    /** Reports an asynchronous failure to the exception listener, if any. */
    void reportAsync(JMSException failure) {
        ExceptionListener listener = exceptionListener;
        if (listener == null) {
            LOG.log(Level.WARNING, "natsjms connection: {0}", failure.getMessage());
            return;
        }
        Thread thread = new Thread(() -> listener.onException(failure), "natsjms-exception-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String toString() {
        return "NatsConnection[clientId=" + clientId + ", stan=" + stan + "]";
    }

    private final class Listener implements StanConnectionListener {
        @Override
        public void connectionLost(StanException cause) {
            reportAsync(JmsExceptions.of("connection lost", cause));
        }
    }
}
