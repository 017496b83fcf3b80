package io.natsjms.jms.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses a connection factory URL,
 * {@code nats://[user[:password]@]host[:port][,host[:port]...][?name=value[&name=value...]]}.
 * The servers are read as {@link ServerAddresses}; each parameter is a {@link FactoryProperty} other
 * than {@code serverUrls}, given at most once, its value percent-decoded and parsed as the property
 * says. An empty value ({@code clientId=}) leaves the property unset.
 */
final class ConnectionUrl {

    static final String KEY = "url";
    private static final String FORM =
            "nats://host[:port][,host[:port]...][?name=value&...]";

    private ConnectionUrl() {
    }

    /**
     * The properties {@code url} sets, always including {@link FactoryProperty#SERVER_URLS}.
     *
     * @throws IllegalArgumentException naming the bad part and what was expected (never showing a password)
     */
    static Map<FactoryProperty, Object> parse(String url) {
        String text = url.trim();
        int question = text.indexOf('?');
        String hosts = question < 0 ? text : text.substring(0, question);
        if (hosts.isBlank() || hosts.endsWith("://")) {
            throw new IllegalArgumentException(KEY + ": no server (expected: " + FORM + ")");
        }
        Map<FactoryProperty, Object> values = new EnumMap<>(FactoryProperty.class);
        ServerAddresses servers = ServerAddresses.parse(KEY, hosts);
        values.put(FactoryProperty.SERVER_URLS, servers.urls());
        if (question >= 0) {
            parseQuery(text.substring(question + 1), values);
        }
        putUserInfo(servers, values);
        return Collections.unmodifiableMap(values);
    }

    private static void parseQuery(String query, Map<FactoryProperty, Object> values) {
        Set<FactoryProperty> seen = EnumSet.noneOf(FactoryProperty.class);
        for (String parameter : query.split("&", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(KEY + " parameter: \"" + parameter + "\" (expected: name=value)");
            }
            String name = Percent.decode(KEY + " parameter name", parameter.substring(0, equals));
            FactoryProperty property = FactoryProperty.byKey(name)
                    .filter(p -> p != FactoryProperty.SERVER_URLS)
                    .orElseThrow(() -> new IllegalArgumentException(KEY + " parameter: \"" + name
                            + "\" (expected: one of " + FactoryProperty.keysExcept(FactoryProperty.SERVER_URLS) + ")"));
            if (!seen.add(property)) {
                throw new IllegalArgumentException(KEY + " parameter " + name + ": given twice (expected: at most once)");
            }
            String value = Percent.decode(name, parameter.substring(equals + 1));
            if (!value.isBlank()) {
                values.put(property, property.parse(value));
            }
        }
    }

    private static void putUserInfo(ServerAddresses servers, Map<FactoryProperty, Object> values) {
        if (servers.user() == null) {
            return;
        }
        if (values.containsKey(FactoryProperty.USER) || values.containsKey(FactoryProperty.PASSWORD)) {
            throw new IllegalArgumentException(KEY + ": credentials both in the user info and in user/password"
                    + " parameters (expected: one of them)");
        }
        values.put(FactoryProperty.USER, servers.user());
        if (servers.password() != null) {
            values.put(FactoryProperty.PASSWORD, servers.password());
        }
    }
}
