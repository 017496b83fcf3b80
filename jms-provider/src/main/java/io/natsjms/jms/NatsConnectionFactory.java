package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.jms.config.FactoryProperties;
import io.natsjms.jms.config.FactoryProperty;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * The provider's connection factory, for the classic and the simplified API. Configure it with a URL,
 * <pre>nats://[user[:password]@]host[:port][,host[:port]...][?name=value&amp;...]</pre>
 * whose parameters are the bean properties below (e.g. {@code ?clusterId=prod&ackWait=60}), with the
 * bean setters, or both: a property set with its setter wins over the URL's parameter whatever the order.
 * Durations are plain numbers in the unit of the property's setter (milliseconds; seconds for
 * {@code ackWait}) or ISO-8601 ({@code PT5S}). A blank or {@code null} String value unsets the property.
 * Setters and the constructor reject a bad value at once with an {@link IllegalArgumentException}
 * naming it; values that do not fit together fail when a connection is created.
 *
 * <p>{@link NatsXAConnectionFactory} is the same factory with XA connections and contexts besides.
 *
 * <p>The factory is serializable and {@link Referenceable} (rebuilt by {@code io.natsjms.jms.jndi.NatsObjectFactory}), so it
 * can be bound in any JNDI directory. It is safe to share between threads.
 */
public sealed class NatsConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable
        permits NatsXAConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final FactoryProperties properties = new FactoryProperties();

    /** A factory for {@code nats://localhost:4222}, cluster {@value ProviderConfig#DEFAULT_CLUSTER_ID}. */
    public NatsConnectionFactory() {
    }

    /**
     * A factory configured by {@code url}.
     *
     * @throws IllegalArgumentException naming the bad part of the URL
     */
    public NatsConnectionFactory(String url) {
        setUrl(url);
    }

    // ---- bean properties

    /** Sets the connection URL: servers, credentials and parameters ({@code null} removes it). */
    public void setUrl(String url) {
        properties.setUrl(url);
    }

    /** The connection URL as given, or {@code null}. */
    public String getUrl() {
        return properties.url();
    }

    /** Sets the NATS servers, comma-separated: {@code nats://h1:4222,h2:4222} or {@code tls://h:4443}. */
    public void setServerUrls(String serverUrls) {
        properties.set(FactoryProperty.SERVER_URLS, serverUrls);
    }

    /** The NATS servers in effect, comma-separated. */
    public String getServerUrls() {
        return properties.getText(FactoryProperty.SERVER_URLS);
    }

    /** Sets the streaming server's cluster ID. */
    public void setClusterId(String clusterId) {
        properties.set(FactoryProperty.CLUSTER_ID, clusterId);
    }

    /** The cluster ID in effect. */
    public String getClusterId() {
        return properties.getText(FactoryProperty.CLUSTER_ID);
    }

    /** Sets the JMS client ID every connection from this factory gets. */
    public void setClientId(String clientId) {
        properties.set(FactoryProperty.CLIENT_ID, clientId);
    }

    /** The configured client ID, or {@code null}. */
    public String getClientId() {
        return properties.getText(FactoryProperty.CLIENT_ID);
    }

    /** Sets the NATS user of the methods without credentials. */
    public void setUser(String user) {
        properties.set(FactoryProperty.USER, user);
    }

    /** The configured NATS user, or {@code null}. */
    public String getUser() {
        return properties.getText(FactoryProperty.USER);
    }

    /** Sets the NATS password going with {@link #setUser}. */
    public void setPassword(String password) {
        properties.set(FactoryProperty.PASSWORD, password);
    }

    /** The configured NATS password, or {@code null}. */
    public String getPassword() {
        return properties.getText(FactoryProperty.PASSWORD);
    }

    /** Sets how long connecting (NATS and the streaming handshake) may take, in milliseconds. */
    public void setConnectTimeout(long millis) {
        properties.set(FactoryProperty.CONNECT_TIMEOUT, Long.toString(millis));
    }

    /** The connect timeout in milliseconds. */
    public long getConnectTimeout() {
        return millis(FactoryProperty.CONNECT_TIMEOUT);
    }

    /** Sets how long a send waits for the server's acknowledgement, in milliseconds. */
    public void setPubAckTimeout(long millis) {
        properties.set(FactoryProperty.PUB_ACK_TIMEOUT, Long.toString(millis));
    }

    /** The publish acknowledgement timeout in milliseconds. */
    public long getPubAckTimeout() {
        return millis(FactoryProperty.PUB_ACK_TIMEOUT);
    }

    /** Sets the default number of unacknowledged messages the server sends a consumer ({@code >= 1}). */
    public void setMaxInFlight(int maxInFlight) {
        properties.set(FactoryProperty.MAX_IN_FLIGHT, Integer.toString(maxInFlight));
    }

    /** The default max-in-flight. */
    public int getMaxInFlight() {
        return (Integer) properties.get(FactoryProperty.MAX_IN_FLIGHT);
    }

    /** Sets after how many seconds the server redelivers an unacknowledged message ({@code >= 1}). */
    public void setAckWait(int seconds) {
        properties.set(FactoryProperty.ACK_WAIT, Integer.toString(seconds));
    }

    /** The default ack wait in seconds. */
    public int getAckWait() {
        return (int) ((Duration) properties.get(FactoryProperty.ACK_WAIT)).toSeconds();
    }

    /** Sets whether messages are sent as their body bytes only, without the JMS envelope. */
    public void setSendRawBodies(boolean sendRawBodies) {
        properties.set(FactoryProperty.SEND_RAW_BODIES, Boolean.toString(sendRawBodies));
    }

    /** Whether bodies are sent raw. */
    public boolean isSendRawBodies() {
        return (Boolean) properties.get(FactoryProperty.SEND_RAW_BODIES);
    }

    /** Sets whether payloads of plain STAN publishers arrive as TextMessage (else BytesMessage). */
    public void setNonEnvelopeAsText(boolean nonEnvelopeAsText) {
        properties.set(FactoryProperty.NON_ENVELOPE_AS_TEXT, Boolean.toString(nonEnvelopeAsText));
    }

    /** Whether plain payloads arrive as TextMessage. */
    public boolean isNonEnvelopeAsText() {
        return (Boolean) properties.get(FactoryProperty.NON_ENVELOPE_AS_TEXT);
    }

    /**
     * Sets the packages and classes ObjectMessage bodies may deserialize to, comma-separated
     * ({@code java.util,com.example.Order}; {@code *} allows all). Replaces the default list
     * {@code java.lang,java.util,java.time,java.math}.
     */
    public void setObjectClassAllowList(String entries) {
        properties.set(FactoryProperty.OBJECT_CLASS_ALLOW_LIST, entries);
    }

    /** The ObjectMessage allow-list in effect, comma-separated. */
    public String getObjectClassAllowList() {
        return properties.getText(FactoryProperty.OBJECT_CLASS_ALLOW_LIST);
    }

    /** Sets the interval of the client's pings to the streaming server, in milliseconds. */
    public void setPingInterval(long millis) {
        properties.set(FactoryProperty.PING_INTERVAL, Long.toString(millis));
    }

    /** The ping interval in milliseconds. */
    public long getPingInterval() {
        return millis(FactoryProperty.PING_INTERVAL);
    }

    /** Sets how many unanswered pings in a row make the connection lost ({@code >= 2}). */
    public void setPingMaxOut(int pingMaxOut) {
        properties.set(FactoryProperty.PING_MAX_OUT, Integer.toString(pingMaxOut));
    }

    /** The unanswered pings tolerated. */
    public int getPingMaxOut() {
        return (Integer) properties.get(FactoryProperty.PING_MAX_OUT);
    }

    /**
     * Sets what the STAN client IDs of this factory's connections start with: letters, digits and
     * {@code -}, or {@code none} (also null or blank, the default) for no prefix
     * ({@link io.natsjms.jms.config.ClientIdPrefix}).
     *
     * @throws IllegalArgumentException for a value that is not a prefix
     */
    public void setClientIdPrefix(String clientIdPrefix) {
        properties.set(FactoryProperty.CLIENT_ID_PREFIX, clientIdPrefix);
    }

    /** The client-ID prefix in effect, {@code none} for none. */
    public String getClientIdPrefix() {
        return properties.getText(FactoryProperty.CLIENT_ID_PREFIX);
    }

    // ---- TLS: the Java stores of tls:// connections ----

    /** Sets the path of the trust store the NATS server's certificate is verified with. */
    public void setTrustStore(String path) {
        properties.set(FactoryProperty.TRUST_STORE, path);
    }

    /** The trust store's path, or {@code null} (the JDK's default trust store). */
    public String getTrustStore() {
        return properties.getText(FactoryProperty.TRUST_STORE);
    }

    /** Sets the trust store's password. */
    public void setTrustStorePassword(String password) {
        properties.set(FactoryProperty.TRUST_STORE_PASSWORD, password);
    }

    /** The trust store's password, or {@code null}. */
    public String getTrustStorePassword() {
        return properties.getText(FactoryProperty.TRUST_STORE_PASSWORD);
    }

    /** Sets the trust store's type ({@code PKCS12}, {@code JKS}). */
    public void setTrustStoreType(String type) {
        properties.set(FactoryProperty.TRUST_STORE_TYPE, type);
    }

    /** The trust store's type, or {@code null} (the JDK's default). */
    public String getTrustStoreType() {
        return properties.getText(FactoryProperty.TRUST_STORE_TYPE);
    }

    /** Sets the path of the key store with the client's key and certificate, for servers that verify clients. */
    public void setKeyStore(String path) {
        properties.set(FactoryProperty.KEY_STORE, path);
    }

    /** The key store's path, or {@code null}. */
    public String getKeyStore() {
        return properties.getText(FactoryProperty.KEY_STORE);
    }

    /** Sets the key store's password (also the key's). */
    public void setKeyStorePassword(String password) {
        properties.set(FactoryProperty.KEY_STORE_PASSWORD, password);
    }

    /** The key store's password, or {@code null}. */
    public String getKeyStorePassword() {
        return properties.getText(FactoryProperty.KEY_STORE_PASSWORD);
    }

    /** Sets the key store's type ({@code PKCS12}, {@code JKS}). */
    public void setKeyStoreType(String type) {
        properties.set(FactoryProperty.KEY_STORE_TYPE, type);
    }

    /** The key store's type, or {@code null} (the JDK's default). */
    public String getKeyStoreType() {
        return properties.getText(FactoryProperty.KEY_STORE_TYPE);
    }

    private long millis(FactoryProperty property) {
        return ((Duration) properties.get(property)).toMillis();
    }

    /**
     * Sets a property by its name ({@code url} or a URL parameter name such as {@code ackWait}) from its
     * URL text form; {@code null} or blank unsets it.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public void setProperty(String name, String value) {
        properties.set(name, value);
    }

    /** The properties set by the URL or on their own, in URL text form, keyed by parameter name. */
    public Map<String, String> toProperties() {
        return properties.toText();
    }

    /**
     * The immutable configuration in effect.
     *
     * @throws JMSException naming the values when they do not fit together
     */
    public ProviderConfig toConfig() throws JMSException {
        try {
            return properties.toConfig();
        } catch (IllegalArgumentException e) {
            JMSException failure = new JMSException("connection factory: " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    // ---- classic API

    @Override
    public Connection createConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsConnection.open(config, config.user(), config.password());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return NatsConnection.open(toConfig(), userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsConnection.open(config, config.user(), config.password());
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return NatsConnection.open(toConfig(), userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        ProviderConfig config = toConfig();
        return NatsConnection.open(config, config.user(), config.password());
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return NatsConnection.open(toConfig(), userName, password);
    }

    // ---- simplified API

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        requireSessionMode(sessionMode);
        try {
            ProviderConfig config = toConfig();
            return context(NatsConnection.open(config, config.user(), config.password()), sessionMode);
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        requireSessionMode(sessionMode);
        try {
            return context(NatsConnection.open(toConfig(), userName, password), sessionMode);
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    /** Checked before connecting, so that a bad mode costs no connection. */
    private static void requireSessionMode(int sessionMode) {
        if (sessionMode != JMSContext.AUTO_ACKNOWLEDGE && sessionMode != JMSContext.CLIENT_ACKNOWLEDGE
                && sessionMode != JMSContext.DUPS_OK_ACKNOWLEDGE && sessionMode != JMSContext.SESSION_TRANSACTED) {
            throw new JMSRuntimeException("sessionMode: " + sessionMode + " (expected: AUTO_ACKNOWLEDGE (1), "
                    + "CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0))");
        }
    }

    /** The context owning {@code connection}; the connection is closed when the context cannot be made. */
    private static JMSContext context(Connection connection, int sessionMode) {
        try {
            return new NatsJMSContext(connection, sessionMode);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (JMSException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    // ---- JNDI

    /**
     * The JNDI object factory that rebuilds a factory from its {@link #getReference() reference}. Named, not
     * linked: the JNDI package builds on this one, not the other way round.
     */
    static final String OBJECT_FACTORY = "io.natsjms.jms.jndi.NatsObjectFactory";

    /** A reference with one string address per property set, rebuilt by the {@link #OBJECT_FACTORY}. */
    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), OBJECT_FACTORY, null);
        for (Map.Entry<String, String> property : toProperties().entrySet()) {
            reference.add(new StringRefAddr(property.getKey(), property.getValue()));
        }
        return reference;
    }

    /** The properties in effect, without the password. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + properties;
    }
}
