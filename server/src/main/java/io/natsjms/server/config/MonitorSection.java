package io.natsjms.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration blocks of the monitoring port that natsjms adds: {@code monitor_tls} (the
 * certificate of {@code https_port}) and {@code monitor_auth} (basic authentication).
 */
final class MonitorSection {

    private MonitorSection() {
    }

    /** {@code monitor_tls { cert_file: "...", key_file: "..." }}. */
    static MonitorConfig.Tls tls(String key, ConfigValue value) throws ConfigFileException {
        Path cert = null;
        Path privateKey = null;
        for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
            String name = entry.getKey();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "cert_file", "cert" -> cert = Path.of(entry.getValue().asString(name));
                case "key_file", "key" -> privateKey = Path.of(entry.getValue().asString(name));
                default -> throw entry.getValue().error("unknown key '" + name + "' in " + key
                        + " (expected: cert_file or key_file)");
            }
        }
        try {
            return new MonitorConfig.Tls(cert, privateKey);
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    /** {@code monitor_auth { user: "...", password: "..." }}. */
    static MonitorConfig.BasicAuth auth(String key, ConfigValue value) throws ConfigFileException {
        String user = null;
        String password = null;
        for (Map.Entry<String, ConfigValue> entry : value.asMap(key).entrySet()) {
            String name = entry.getKey();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "user", "username" -> user = entry.getValue().asString(name);
                case "password", "pass" -> password = entry.getValue().asString(name);
                default -> throw entry.getValue().error("unknown key '" + name + "' in " + key
                        + " (expected: user or password)");
            }
        }
        try {
            return new MonitorConfig.BasicAuth(user, password);
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }
}
