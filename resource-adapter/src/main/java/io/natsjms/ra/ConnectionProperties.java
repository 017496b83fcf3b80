package io.natsjms.ra;

import io.natsjms.jms.NatsXAConnectionFactory;
import io.natsjms.jms.config.FactoryProperty;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The NATS connection settings of the resource adapter: one bean property set that the
 * {@link NatsResourceAdapter}, the {@link NatsManagedConnectionFactory} and the {@link NatsActivationSpec}
 * all inherit, so that each property is written once. The adapter's values are the defaults; a
 * connection factory or an activation sets only what it overrides.
 *
 * <p>Every property has the name and the text form of the provider's connection URL parameter of the
 * same name ({@link io.natsjms.jms.NatsConnectionFactory}): durations are milliseconds or ISO-8601 ({@code PT5S}). A
 * blank value means "not set here". Values are checked when the adapter starts, when an activation is
 * validated and when a connection is made, with a message that names the property.
 */
public abstract class ConnectionProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The values set on this object, as text; guarded by itself. */
    private final Map<FactoryProperty, String> values = new EnumMap<>(FactoryProperty.class);

    /** NATS server URLs, comma-separated ({@code nats://host1:4222,nats://host2:4222}). */
    public String getServerUrls() {
        return get(FactoryProperty.SERVER_URLS);
    }

    /** Sets the NATS server URLs, comma-separated. */
    public void setServerUrls(String serverUrls) {
        put(FactoryProperty.SERVER_URLS, serverUrls);
    }

    /** The streaming server's cluster ID. */
    public String getClusterId() {
        return get(FactoryProperty.CLUSTER_ID);
    }

    /** Sets the streaming server's cluster ID. */
    public void setClusterId(String clusterId) {
        put(FactoryProperty.CLUSTER_ID, clusterId);
    }

    /** The NATS user. */
    public String getUser() {
        return get(FactoryProperty.USER);
    }

    /** Sets the NATS user. */
    public void setUser(String user) {
        put(FactoryProperty.USER, user);
    }

    /** The NATS password. */
    public String getPassword() {
        return get(FactoryProperty.PASSWORD);
    }

    /** Sets the NATS password. */
    public void setPassword(String password) {
        put(FactoryProperty.PASSWORD, password);
    }

    /** How long connecting may take (milliseconds or ISO-8601). */
    public String getConnectTimeout() {
        return get(FactoryProperty.CONNECT_TIMEOUT);
    }

    /** Sets how long connecting may take (milliseconds or ISO-8601). */
    public void setConnectTimeout(String connectTimeout) {
        put(FactoryProperty.CONNECT_TIMEOUT, connectTimeout);
    }

    /** How long a send waits for the server's acknowledgement (milliseconds or ISO-8601). */
    public String getPubAckTimeout() {
        return get(FactoryProperty.PUB_ACK_TIMEOUT);
    }

    /** Sets how long a send waits for the server's acknowledgement (milliseconds or ISO-8601). */
    public void setPubAckTimeout(String pubAckTimeout) {
        put(FactoryProperty.PUB_ACK_TIMEOUT, pubAckTimeout);
    }

    /** The interval of the client's pings to the streaming server (milliseconds or ISO-8601). */
    public String getPingInterval() {
        return get(FactoryProperty.PING_INTERVAL);
    }

    /** Sets the interval of the client's pings to the streaming server (milliseconds or ISO-8601). */
    public void setPingInterval(String pingInterval) {
        put(FactoryProperty.PING_INTERVAL, pingInterval);
    }

    /** Unanswered pings in a row after which a connection counts as lost. */
    public String getPingMaxOut() {
        return get(FactoryProperty.PING_MAX_OUT);
    }

    /** Sets the unanswered pings in a row after which a connection counts as lost ({@code >= 2}). */
    public void setPingMaxOut(String pingMaxOut) {
        put(FactoryProperty.PING_MAX_OUT, pingMaxOut);
    }

    /** Whether messages are sent as their bare body bytes, without the JMS envelope. */
    public String getSendRawBodies() {
        return get(FactoryProperty.SEND_RAW_BODIES);
    }

    /** Sets whether messages are sent as their bare body bytes ({@code true} or {@code false}). */
    public void setSendRawBodies(String sendRawBodies) {
        put(FactoryProperty.SEND_RAW_BODIES, sendRawBodies);
    }

    /** Whether payloads of plain STAN publishers arrive as TextMessage rather than BytesMessage. */
    public String getNonEnvelopeAsText() {
        return get(FactoryProperty.NON_ENVELOPE_AS_TEXT);
    }

    /** Sets whether payloads of plain STAN publishers arrive as TextMessage ({@code true} or {@code false}). */
    public void setNonEnvelopeAsText(String nonEnvelopeAsText) {
        put(FactoryProperty.NON_ENVELOPE_AS_TEXT, nonEnvelopeAsText);
    }

    /** The packages and classes ObjectMessage bodies may deserialize to, comma-separated. */
    public String getObjectClassAllowList() {
        return get(FactoryProperty.OBJECT_CLASS_ALLOW_LIST);
    }

    /** Sets the packages and classes ObjectMessage bodies may deserialize to, comma-separated. */
    public void setObjectClassAllowList(String objectClassAllowList) {
        put(FactoryProperty.OBJECT_CLASS_ALLOW_LIST, objectClassAllowList);
    }

    /**
     * What the STAN client IDs of the connections start with ({@code <prefix>_<JMS client ID>}, or
     * {@code <prefix>_natsjms-<unique>} without one): letters, digits and {@code -}, or {@code none}.
     */
    public String getClientIdPrefix() {
        return get(FactoryProperty.CLIENT_ID_PREFIX);
    }

    /** Sets the client-ID prefix; unset, there is none. */
    public void setClientIdPrefix(String clientIdPrefix) {
        put(FactoryProperty.CLIENT_ID_PREFIX, clientIdPrefix);
    }

    // ---- TLS: the Java stores of tls:// connections

    /** Path of the trust store the NATS server's certificate is verified with (default: the JDK's). */
    public String getTrustStore() {
        return get(FactoryProperty.TRUST_STORE);
    }

    /** Sets the path of the trust store. */
    public void setTrustStore(String trustStore) {
        put(FactoryProperty.TRUST_STORE, trustStore);
    }

    /** Password of the trust store. */
    public String getTrustStorePassword() {
        return get(FactoryProperty.TRUST_STORE_PASSWORD);
    }

    /** Sets the password of the trust store. */
    public void setTrustStorePassword(String trustStorePassword) {
        put(FactoryProperty.TRUST_STORE_PASSWORD, trustStorePassword);
    }

    /** Type of the trust store ({@code PKCS12}, {@code JKS}; default: the JDK's). */
    public String getTrustStoreType() {
        return get(FactoryProperty.TRUST_STORE_TYPE);
    }

    /** Sets the type of the trust store. */
    public void setTrustStoreType(String trustStoreType) {
        put(FactoryProperty.TRUST_STORE_TYPE, trustStoreType);
    }

    /** Path of the key store with the client's key and certificate, for servers that verify clients. */
    public String getKeyStore() {
        return get(FactoryProperty.KEY_STORE);
    }

    /** Sets the path of the key store. */
    public void setKeyStore(String keyStore) {
        put(FactoryProperty.KEY_STORE, keyStore);
    }

    /** Password of the key store (and of the key in it). */
    public String getKeyStorePassword() {
        return get(FactoryProperty.KEY_STORE_PASSWORD);
    }

    /** Sets the password of the key store. */
    public void setKeyStorePassword(String keyStorePassword) {
        put(FactoryProperty.KEY_STORE_PASSWORD, keyStorePassword);
    }

    /** Type of the key store ({@code PKCS12}, {@code JKS}; default: the JDK's). */
    public String getKeyStoreType() {
        return get(FactoryProperty.KEY_STORE_TYPE);
    }

    /** Sets the type of the key store. */
    public void setKeyStoreType(String keyStoreType) {
        put(FactoryProperty.KEY_STORE_TYPE, keyStoreType);
    }

    // ---- for the subclasses

    /** The values set on this object (not the inherited ones). */
    final Map<FactoryProperty, String> values() {
        synchronized (values) {
            return Collections.unmodifiableMap(new EnumMap<>(values));
        }
    }

    /**
     * A provider connection factory with {@code defaults}' values overridden by this object's.
     *
     * @param defaults the level above (the adapter), or null
     * @throws IllegalArgumentException naming the property and value that the provider refuses
     */
    final NatsXAConnectionFactory newFactory(ConnectionProperties defaults) {
        NatsXAConnectionFactory factory = new NatsXAConnectionFactory();
        if (defaults != null) {
            defaults.values().forEach((property, text) -> factory.setProperty(property.key(), text));
        }
        values().forEach((property, text) -> factory.setProperty(property.key(), text));
        return factory;
    }

    /** Whether both objects set the same values. */
    final boolean sameValues(ConnectionProperties other) {
        return values().equals(other.values());
    }

    final int valuesHash() {
        return values().hashCode();
    }

    private String get(FactoryProperty property) {
        synchronized (values) {
            return values.get(property);
        }
    }

    private void put(FactoryProperty property, String value) {
        Objects.requireNonNull(property, "property");
        synchronized (values) {
            if (value == null || value.isBlank()) {
                values.remove(property);
            } else {
                values.put(property, property.secret() ? value : value.trim());
            }
        }
    }
}
