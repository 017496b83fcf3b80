package io.natsjms.server.config;

import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.broker.BrokerUser;
import io.natsjms.server.broker.Permissions;
import io.natsjms.server.broker.SubjectPermission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the TLS and authorization parts of configuration files, in nats-server's syntax:
 *
 * <pre>
 * tls {                          # the embedded broker's client port
 *   cert_file: "server.pem", key_file: "server-key.pem", ca_file: "ca.pem", verify: true, timeout: 2
 * }
 * authorization {
 *   users = [
 *     { user: app, password: secret, permissions: { publish: ["a.>"], subscribe: { allow: ["_INBOX.>"], deny: [...] } } }
 *   ]
 * }
 * streaming { secure: true, tls { client_cert: "c.pem", client_key: "k.pem", client_ca: "ca.pem" } }
 * </pre>
 *
 * A top-level {@code tls} block may also hold the {@code client_*} keys, since streaming keys may be at
 * the top level. A later block overrides an earlier one's keys.
 */
final class SecuritySection {

    private Path certFile;
    private Path keyFile;
    private Path caFile;
    private boolean verify;
    private Duration timeout = BrokerTls.DEFAULT_TIMEOUT;
    private ConfigValue brokerTlsBlock;
    private Path clientCert;
    private Path clientKey;
    private Path clientCa;
    private boolean natsTls;
    /** The last value that set TLS to the external NATS server, for error messages. */
    private ConfigValue natsTlsWhere;
    private List<BrokerUser> users = List.of();

    /** What the blocks read so far set; {@code null} parts when they set nothing. */
    SecuritySettings settings() throws ConfigFileException {
        BrokerTls brokerTls = null;
        if (brokerTlsBlock != null) {
            try {
                brokerTls = new BrokerTls(certFile, keyFile, caFile, verify, timeout);
            } catch (IllegalArgumentException e) {
                throw brokerTlsBlock.error(e.getMessage());
            }
        }
        NatsClientTls client = null;
        if (natsTls) {
            try {
                client = new NatsClientTls(clientCert, clientKey, clientCa);
            } catch (IllegalArgumentException e) {
                throw natsTlsWhere.error(e.getMessage());
            }
        }
        return new SecuritySettings(brokerTls, users, client);
    }

    /** {@code secure: true}: TLS to the external NATS server. */
    void secure(String key, ConfigValue value) throws ConfigFileException {
        if (value.asBoolean(key)) {
            natsTls = true;
            natsTlsWhere = value;
        }
    }

    /** A {@code tls} block; {@code topLevel} when it may configure the broker's port too. */
    void tls(String key, ConfigValue value, boolean topLevel) throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
            String name = entry.getKey();
            ConfigValue v = entry.getValue();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "client_cert" -> clientCert = clientFile(name, v);
                case "client_key" -> clientKey = clientFile(name, v);
                case "client_ca", "client_cacert" -> clientCa = clientFile(name, v);
                case "cert_file", "key_file", "ca_file", "verify", "timeout" -> {
                    if (!topLevel) {
                        throw v.error("'" + name + "' in streaming { tls } (expected: client_cert, client_key or"
                                + " client_ca; the embedded broker's tls block is at the top level)");
                    }
                    brokerTls(name, v);
                    brokerTlsBlock = value;
                }
                default -> throw v.error("unknown key '" + name + "' in tls (expected: cert_file, key_file,"
                        + " ca_file, verify, timeout, or client_cert, client_key, client_ca)");
            }
        }
    }

    private void brokerTls(String name, ConfigValue v) throws ConfigFileException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cert_file" -> certFile = Path.of(v.asString(name));
            case "key_file" -> keyFile = Path.of(v.asString(name));
            case "ca_file" -> caFile = Path.of(v.asString(name));
            case "verify" -> verify = v.asBoolean(name);
            default -> timeout = seconds(name, v);
        }
    }

    private Path clientFile(String name, ConfigValue v) throws ConfigFileException {
        natsTls = true;
        natsTlsWhere = v;
        return Path.of(v.asString(name));
    }

    /** nats-server's TLS timeout: seconds, fractions allowed, or a duration string. */
    private static Duration seconds(String name, ConfigValue v) throws ConfigFileException {
        if (v.value() instanceof Long l && l > 0) {
            return Duration.ofSeconds(l);
        }
        if (v.value() instanceof Double d && d > 0) {
            return Duration.ofNanos((long) (d * 1e9));
        }
        Duration duration = v.value() instanceof String ? v.asDuration(name) : null;
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw v.expected(name, "seconds > 0, such as 2 or 0.5");
        }
        return duration;
    }

    /**
     * An {@code authorization} block. A single user, password or token goes to {@code single}; a
     * {@code users} list is kept here.
     */
    void authorization(String key, ConfigValue value, SingleUser single) throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
            String name = entry.getKey();
            ConfigValue v = entry.getValue();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "user", "username" -> single.user(v.asString(name));
                case "pass", "password" -> single.password(v.asString(name));
                case "token" -> single.token(v.asString(name));
                case "users" -> users = users(name, v);
                case "timeout" -> single.ignored(name, v);
                default -> throw v.error("unknown key '" + name + "' in authorization (expected: users, user,"
                        + " password, token or timeout)");
            }
        }
    }

    /** Where the single-user keys of an {@code authorization} block go. */
    interface SingleUser {
        void user(String value);

        void password(String value);

        void token(String value);

        void ignored(String key, ConfigValue value);
    }

    private static List<BrokerUser> users(String key, ConfigValue value) throws ConfigFileException {
        List<BrokerUser> result = new ArrayList<>();
        for (ConfigValue entry : value.asList(key)) {
            String name = null;
            String password = null;
            Permissions permissions = Permissions.all();
            for (Map.Entry<String, ConfigValue> field : entry.asMap("users entry").entrySet()) {
                String k = field.getKey();
                ConfigValue v = field.getValue();
                switch (k.toLowerCase(Locale.ROOT)) {
                    case "user", "username" -> name = v.asString(k);
                    case "pass", "password" -> password = v.asString(k);
                    case "permissions", "permission" -> permissions = permissions(k, v);
                    default -> throw v.error("unknown key '" + k + "' in a user (expected: user, password or"
                            + " permissions)");
                }
            }
            if (name == null || password == null) {
                throw entry.error("a user without " + (name == null ? "user" : "password")
                        + " (expected: { user: name, password: secret, permissions: {...} })");
            }
            result.add(new BrokerUser(name, password, permissions));
        }
        return result;
    }

    private static Permissions permissions(String key, ConfigValue value) throws ConfigFileException {
        SubjectPermission publish = SubjectPermission.all();
        SubjectPermission subscribe = SubjectPermission.all();
        for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
            String k = entry.getKey();
            ConfigValue v = entry.getValue();
            switch (k.toLowerCase(Locale.ROOT)) {
                case "publish", "pub" -> publish = subjectPermission(k, v);
                case "subscribe", "sub" -> subscribe = subjectPermission(k, v);
                default -> throw v.error("'" + k + "' in permissions is not supported (expected: publish or"
                        + " subscribe; list reply subjects such as _INBOX.> in publish instead of allow_responses)");
            }
        }
        return new Permissions(publish, subscribe);
    }

    /** {@code "subject"}, {@code ["a", "b"]} (an allow list), or {@code { allow: [...], deny: [...] }}. */
    private static SubjectPermission subjectPermission(String key, ConfigValue value) throws ConfigFileException {
        try {
            if (!(value.value() instanceof Map)) {
                return SubjectPermission.allowOnly(subjects(key, value));
            }
            List<String> allow = List.of();
            List<String> deny = List.of();
            for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
                String k = entry.getKey();
                switch (k.toLowerCase(Locale.ROOT)) {
                    case "allow" -> allow = subjects(k, entry.getValue());
                    case "deny" -> deny = subjects(k, entry.getValue());
                    default -> throw entry.getValue().error("unknown key '" + k + "' in " + key
                            + " (expected: allow or deny)");
                }
            }
            return new SubjectPermission(allow, deny);
        } catch (IllegalArgumentException e) {
            throw value.error(key + ": " + e.getMessage());
        }
    }

    private static List<String> subjects(String key, ConfigValue value) throws ConfigFileException {
        if (!(value.value() instanceof List)) {
            return List.of(value.asString(key));
        }
        List<String> subjects = new ArrayList<>();
        for (ConfigValue subject : value.asList(key)) {
            subjects.add(subject.asString(key));
        }
        return subjects;
    }
}
