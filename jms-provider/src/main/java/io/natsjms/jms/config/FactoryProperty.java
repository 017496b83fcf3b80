package io.natsjms.jms.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configuration properties of a {@link io.natsjms.jms.NatsConnectionFactory}: one table of names,
 * text parsers and defaults shared by the factory's bean setters, its URL parameters, its JNDI
 * {@link javax.naming.Reference} and anything else (resource adapter, CDI) that configures it by name.
 * A property's text form is the one its URL parameter takes.
 */
public enum FactoryProperty {

    /** NATS server URLs, comma-separated: {@code nats://host:port,tls://host:port}. */
    SERVER_URLS("serverUrls", PropertyValues::servers, PropertyValues::formatList, ProviderConfig::servers),
    /** The streaming server's cluster ID. */
    CLUSTER_ID("clusterId", PropertyValues::clusterId, String::valueOf, ProviderConfig::clusterId),
    /** The administratively configured JMS client ID; unset by default. */
    CLIENT_ID("clientId", PropertyValues::text, String::valueOf, ProviderConfig::clientId),
    /** The NATS user of {@code createConnection()} without arguments; unset by default. */
    USER("user", PropertyValues::text, String::valueOf, ProviderConfig::user),
    /** The NATS password going with {@link #USER}; unset by default. */
    PASSWORD("password", PropertyValues::text, String::valueOf, ProviderConfig::password),
    /** How long connecting may take: milliseconds, or ISO-8601 such as {@code PT5S}. */
    CONNECT_TIMEOUT("connectTimeout", PropertyValues::millis, PropertyValues::formatMillis,
            ProviderConfig::connectTimeout),
    /** How long a send waits for the server's PubAck: milliseconds, or ISO-8601. */
    PUB_ACK_TIMEOUT("pubAckTimeout", PropertyValues::millis, PropertyValues::formatMillis,
            ProviderConfig::pubAckTimeout),
    /** Default server-side window of unacknowledged messages per consumer, {@code >= 1}. */
    MAX_IN_FLIGHT("maxInFlight", (key, text) -> PropertyValues.atLeast(key, text, 1), String::valueOf,
            ProviderConfig::maxInFlight),
    /** Default redelivery delay of unacknowledged messages: whole seconds, or ISO-8601. */
    ACK_WAIT("ackWait", PropertyValues::seconds, PropertyValues::formatSeconds, ProviderConfig::ackWait),
    /** Send only the body bytes, without the JMS envelope: {@code true} or {@code false}. */
    SEND_RAW_BODIES("sendRawBodies", PropertyValues::bool, String::valueOf, ProviderConfig::sendRawBodies),
    /** Deliver payloads of plain STAN publishers as TextMessage instead of BytesMessage. */
    NON_ENVELOPE_AS_TEXT("nonEnvelopeAsText", PropertyValues::bool, String::valueOf,
            c -> c.codec().nonEnvelopeAsText()),
    /** Packages and classes ObjectMessage bodies may deserialize to, comma-separated; replaces the default. */
    OBJECT_CLASS_ALLOW_LIST("objectClassAllowList", PropertyValues::classList, PropertyValues::formatList,
            c -> c.codec().classAllowList().entries()),
    /** STAN client ping interval: milliseconds, or ISO-8601; whole seconds from one second on. */
    PING_INTERVAL("pingInterval", PropertyValues::pingInterval, PropertyValues::formatMillis,
            ProviderConfig::pingInterval),
    /** Unanswered pings before the connection counts as lost, {@code >= 2}. */
    PING_MAX_OUT("pingMaxOut", (key, text) -> PropertyValues.atLeast(key, text, 2), String::valueOf,
            ProviderConfig::pingMaxOut),
    /**
     * What the STAN client IDs of the connections start with ({@link ClientIdPrefix}): letters, digits and
     * {@code -}, or {@code none} (the default: no prefix).
     */
    CLIENT_ID_PREFIX("clientIdPrefix", ClientIdPrefix::parse, ClientIdPrefix::format, ProviderConfig::clientIdPrefix),

    // ---- TLS: the Java stores of tls:// connections (unset: the JDK's default trust store, no client key) ----
    /** Path of the trust store holding the certificates the NATS server's certificate is verified with. */
    TRUST_STORE("trustStore", PropertyValues::text, String::valueOf, c -> c.tls().trustStore()),
    /** Password of {@link #TRUST_STORE}. */
    TRUST_STORE_PASSWORD("trustStorePassword", PropertyValues::text, String::valueOf,
            c -> c.tls().trustStorePassword()),
    /** Type of {@link #TRUST_STORE}: {@code PKCS12} (the JDK's default) or {@code JKS}. */
    TRUST_STORE_TYPE("trustStoreType", PropertyValues::storeType, String::valueOf, c -> c.tls().trustStoreType()),
    /** Path of the key store holding the client's key and certificate, for servers that verify clients. */
    KEY_STORE("keyStore", PropertyValues::text, String::valueOf, c -> c.tls().keyStore()),
    /** Password of {@link #KEY_STORE} and of the key in it. */
    KEY_STORE_PASSWORD("keyStorePassword", PropertyValues::text, String::valueOf, c -> c.tls().keyStorePassword()),
    /** Type of {@link #KEY_STORE}: {@code PKCS12} (the JDK's default) or {@code JKS}. */
    KEY_STORE_TYPE("keyStoreType", PropertyValues::storeType, String::valueOf, c -> c.tls().keyStoreType());

    private static final ProviderConfig DEFAULTS = ProviderConfig.defaults();

    private final String key;
    private final Parser parser;
    private final Function<Object, String> formatter;
    private final Function<ProviderConfig, Object> fromConfig;

    FactoryProperty(String key, Parser parser, Function<Object, String> formatter,
                    Function<ProviderConfig, Object> fromConfig) {
        this.key = key;
        this.parser = parser;
        this.formatter = formatter;
        this.fromConfig = fromConfig;
    }

    /** The property's name: its URL parameter, JNDI reference address type and bean property name. */
    public String key() {
        return key;
    }

    /** Whether the property's value is a secret, never shown. */
    public boolean secret() {
        return this == PASSWORD || this == TRUST_STORE_PASSWORD || this == KEY_STORE_PASSWORD;
    }

    /** The property named {@code key} (case-sensitive), if there is one. */
    public static Optional<FactoryProperty> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** The names of all properties but {@code excluded}, comma-separated, for error messages. */
    static String keysExcept(FactoryProperty... excluded) {
        return Arrays.stream(values()).filter(p -> !Arrays.asList(excluded).contains(p))
                .map(FactoryProperty::key).collect(Collectors.joining(", "));
    }

    /**
     * The typed value of {@code text} (not blank).
     *
     * @throws IllegalArgumentException naming the property, the value and what was expected
     */
    Object parse(String text) {
        return parser.parse(key, text);
    }

    /** The text that parses back to {@code value}. */
    String format(Object value) {
        return formatter.apply(value);
    }

    /** The value when the property is not set, or {@code null}. */
    Object defaultValue() {
        return fromConfig.apply(DEFAULTS);
    }

    /** Turns a property's text into its value. */
    @FunctionalInterface
    private interface Parser {
        Object parse(String key, String text);
    }
}
