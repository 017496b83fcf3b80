package io.natsjms.server.broker;

import java.util.Map;

/**
 * The options a client sends in {@code CONNECT}. Absent fields take nats-server's defaults, which
 * notably make {@code verbose} and {@code pedantic} true unless the client says otherwise.
 */
record ConnectOptions(boolean verbose, boolean pedantic, boolean echo, boolean headers, boolean noResponders,
                      String name, String lang, String version, String user, String pass, String authToken) {

    /** Options in force before CONNECT arrives: nats-server's defaults, verbose and pedantic. */
    static final ConnectOptions BEFORE_CONNECT =
            new ConnectOptions(true, true, true, false, false, null, null, null, null, null, null);

    /** Parses the JSON argument of CONNECT; throws {@link IllegalArgumentException} on bad JSON. */
    static ConnectOptions parse(String json) {
        Map<String, Object> map = JsonObjectParser.parseObject(json);
        return new ConnectOptions(flag(map, "verbose", true), flag(map, "pedantic", true), flag(map, "echo", true),
                flag(map, "headers", false), flag(map, "no_responders", false), text(map, "name"),
                text(map, "lang"), text(map, "version"), text(map, "user"), text(map, "pass"),
                text(map, "auth_token"));
    }

    private static boolean flag(Map<String, Object> map, String key, boolean absent) {
        Object value = map.get(key);
        return value instanceof Boolean b ? b : absent;
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof String s ? s : null;
    }
}
