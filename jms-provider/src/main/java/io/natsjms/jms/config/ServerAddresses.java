package io.natsjms.jms.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A comma-separated list of NATS servers, {@code nats://host:port,host:port}, as given in a connection
 * URL or the {@code serverUrls} property. An entry without a scheme takes the previous entry's (the
 * first defaults to {@code nats}); {@code tls://} entries pass through to jnats unchanged. User info
 * ({@code nats://user:password@host}) is taken out of the URLs; where several entries carry it, it must
 * be the same.
 *
 * @param urls     the server URLs, {@code scheme://host[:port]}, without user info
 * @param user     the user of the user info (percent-decoded), or {@code null}
 * @param password the password of the user info (percent-decoded), or {@code null}
 */
record ServerAddresses(List<String> urls, String user, String password) {

    /** The URL schemes passed to jnats. */
    static final Set<String> SCHEMES = Set.of("nats", "tls");

    private static final String EXPECTED = "(expected: nats://host[:port] or tls://host[:port])";

    ServerAddresses {
        urls = List.copyOf(urls);
    }

    /**
     * Parses {@code text}.
     *
     * @param key the property the text belongs to, for error messages
     * @throws IllegalArgumentException naming the bad entry (never showing a password)
     */
    static ServerAddresses parse(String key, String text) {
        List<String> urls = new ArrayList<>();
        String scheme = "nats";
        String user = null;
        String password = null;
        boolean userInfoSeen = false;
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            int separator = entry.indexOf("://");
            if (separator >= 0) {
                scheme = entry.substring(0, separator).toLowerCase(Locale.ROOT);
                entry = entry.substring(separator + 3);
            }
            if (entry.endsWith("/")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            int at = entry.lastIndexOf('@');
            String hostPort = entry.substring(at + 1);
            if (!SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException(key + ": \"" + scheme + "://" + hostPort + "\" " + EXPECTED);
            }
            requireHostPort(key, scheme, hostPort);
            if (at >= 0) {
                String userInfo = entry.substring(0, at);
                int colon = userInfo.indexOf(':');
                String entryUser = Percent.decode(key + " user info", colon < 0 ? userInfo : userInfo.substring(0, colon));
                String entryPassword = colon < 0 ? null : Percent.decode(key + " user info", userInfo.substring(colon + 1));
                if (entryUser.isEmpty()) {
                    throw new IllegalArgumentException(key + ": empty user in the user info of \"" + scheme + "://"
                            + hostPort + "\" (expected: user[:password]@host)");
                }
                if (userInfoSeen && !(entryUser.equals(user) && Objects.equals(entryPassword, password))) {
                    throw new IllegalArgumentException(key + ": user info differs between servers"
                            + " (expected: the same on every server, or on the first only)");
                }
                userInfoSeen = true;
                user = entryUser;
                password = entryPassword;
            }
            urls.add(scheme + "://" + hostPort);
        }
        return new ServerAddresses(urls, user, password);
    }

    private static void requireHostPort(String key, String scheme, String hostPort) {
        String host = hostPort;
        String port = null;
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        if (portColon > 0) {
            host = hostPort.substring(0, portColon);
            port = hostPort.substring(portColon + 1);
        }
        if (!validHost(host)) {
            throw new IllegalArgumentException(key + ": \"" + scheme + "://" + hostPort + "\" " + EXPECTED);
        }
        if (port != null && !validPort(port)) {
            throw new IllegalArgumentException(key + ": port \"" + port + "\" in \"" + scheme + "://" + hostPort
                    + "\" (expected: 1 to 65535)");
        }
    }

    /** A name or IPv4 address, or an IPv6 address in brackets. */
    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            return host.length() > 2 && host.endsWith("]")
                    && host.substring(1, host.length() - 1).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        }
        return !host.isEmpty() && host.chars().noneMatch(c -> Character.isWhitespace(c) || "/?#@:,[]".indexOf(c) >= 0);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }
}
