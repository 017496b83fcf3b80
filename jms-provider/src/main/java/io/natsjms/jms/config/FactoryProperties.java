package io.natsjms.jms.config;

import io.natsjms.jms.message.ClassAllowList;
import io.natsjms.jms.message.CodecOptions;
import io.natsjms.stan.TlsStores;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable property set behind a {@link io.natsjms.jms.NatsConnectionFactory}: a connection URL and
 * individually set properties, in two layers. A property set on its own always wins over the URL's
 * parameter of the same name, whatever the order of the calls (containers call bean setters in no
 * particular order); what neither sets has its default. Every value is checked when set.
 * Thread-safe; public only so that the factory can use it.
 */
public final class FactoryProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    // the fields are guarded by this object's monitor
    /** The URL as given, or null. */
    private String url;
    /** The properties the URL sets. */
    private final EnumMap<FactoryProperty, Object> fromUrl = new EnumMap<>(FactoryProperty.class);
    /** The properties set one by one. */
    private final EnumMap<FactoryProperty, Object> explicit = new EnumMap<>(FactoryProperty.class);

    /**
     * Sets the connection URL, replacing the previous URL's servers and parameters; {@code null} or blank
     * removes it.
     *
     * @throws IllegalArgumentException naming the bad part of the URL
     */
    public synchronized void setUrl(String text) {
        Map<FactoryProperty, Object> parsed = text == null || text.isBlank() ? Map.of() : ConnectionUrl.parse(text);
        url = parsed.isEmpty() ? null : text.trim();
        fromUrl.clear();
        fromUrl.putAll(parsed);
    }

    /** The connection URL as given, or {@code null}. */
    public synchronized String url() {
        return url;
    }

    /**
     * Sets {@code property} from its text form; {@code null} or blank unsets it (back to the URL's value
     * or the default).
     *
     * @throws IllegalArgumentException naming the property, the value and what was expected
     */
    public synchronized void set(FactoryProperty property, String text) {
        Object value = text == null || text.isBlank() ? null : property.parse(text);
        if (value == null) {
            explicit.remove(property);
        } else {
            explicit.put(property, value);
        }
    }

    /**
     * Sets the property named {@code key} ({@link FactoryProperty#key()}, or {@code url} for
     * {@link #setUrl}) from its text form.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public void set(String key, String text) {
        if (ConnectionUrl.KEY.equals(key)) {
            setUrl(text);
            return;
        }
        FactoryProperty property = FactoryProperty.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                "property: \"" + key + "\" (expected: url or one of " + FactoryProperty.keysExcept() + ")"));
        set(property, text);
    }

    /** The value in effect: the one set on its own, else the URL's, else the default (may be {@code null}). */
    public synchronized Object get(FactoryProperty property) {
        Object value = explicit.get(property);
        if (value == null) {
            value = fromUrl.get(property);
        }
        return value != null ? value : property.defaultValue();
    }

    /** The text form of {@link #get}, or {@code null}. */
    public synchronized String getText(FactoryProperty property) {
        Object value = get(property);
        return value == null ? null : property.format(value);
    }

    /**
     * The text form of every property set by the URL or on its own (defaults left out), keyed by
     * {@link FactoryProperty#key()}: {@link #set(String, String)} with each entry rebuilds an equivalent
     * property set.
     */
    public synchronized Map<String, String> toText() {
        Map<String, String> text = new LinkedHashMap<>();
        for (FactoryProperty property : FactoryProperty.values()) {
            if (explicit.containsKey(property) || fromUrl.containsKey(property)) {
                text.put(property.key(), property.format(get(property)));
            }
        }
        return text;
    }

    /**
     * The immutable configuration of the values in effect.
     *
     * @throws IllegalArgumentException when the values do not fit together, naming them
     */
    @SuppressWarnings("unchecked")
    public synchronized ProviderConfig toConfig() {
        String user = (String) get(FactoryProperty.USER);
        String password = (String) get(FactoryProperty.PASSWORD);
        if (password != null && user == null) {
            throw new IllegalArgumentException("password: set without a user (expected: a user with it)");
        }
        CodecOptions codec = new CodecOptions((Boolean) get(FactoryProperty.NON_ENVELOPE_AS_TEXT),
                new ClassAllowList((List<String>) get(FactoryProperty.OBJECT_CLASS_ALLOW_LIST)));
        return new ProviderConfig((List<String>) get(FactoryProperty.SERVER_URLS),
                (String) get(FactoryProperty.CLUSTER_ID), (String) get(FactoryProperty.CLIENT_ID), user, password,
                (Duration) get(FactoryProperty.CONNECT_TIMEOUT), (Duration) get(FactoryProperty.PUB_ACK_TIMEOUT),
                (Integer) get(FactoryProperty.MAX_IN_FLIGHT), (Duration) get(FactoryProperty.ACK_WAIT),
                (Boolean) get(FactoryProperty.SEND_RAW_BODIES), codec,
                (Duration) get(FactoryProperty.PING_INTERVAL), (Integer) get(FactoryProperty.PING_MAX_OUT),
                (String) get(FactoryProperty.CLIENT_ID_PREFIX), tlsStores());
    }

    private TlsStores tlsStores() {
        String trustStore = (String) get(FactoryProperty.TRUST_STORE);
        String keyStore = (String) get(FactoryProperty.KEY_STORE);
        if (trustStore == null && get(FactoryProperty.TRUST_STORE_PASSWORD) != null) {
            throw new IllegalArgumentException("trustStorePassword: set without a trustStore (expected: a trustStore"
                    + " with it)");
        }
        if (keyStore == null && get(FactoryProperty.KEY_STORE_PASSWORD) != null) {
            throw new IllegalArgumentException("keyStorePassword: set without a keyStore (expected: a keyStore"
                    + " with it)");
        }
        return new TlsStores(trustStore, (String) get(FactoryProperty.TRUST_STORE_PASSWORD),
                (String) get(FactoryProperty.TRUST_STORE_TYPE), keyStore,
                (String) get(FactoryProperty.KEY_STORE_PASSWORD), (String) get(FactoryProperty.KEY_STORE_TYPE));
    }

    /** The values in effect, without the password. */
    @Override
    public synchronized String toString() {
        Map<String, String> text = new LinkedHashMap<>();
        for (FactoryProperty property : FactoryProperty.values()) {
            String value = getText(property);
            text.put(property.key(), property.secret() && value != null ? "****" : value);
        }
        return text.toString();
    }
}
