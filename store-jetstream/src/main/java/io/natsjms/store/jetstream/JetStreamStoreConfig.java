package io.natsjms.store.jetstream;

import io.natsjms.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the JetStream store reaches its cluster and names what it keeps there. Read from the options of
 * a {@link StoreConfig} by {@link #from(StoreConfig)}; every option has a default.
 *
 * @param urls         the NATS URLs of the JetStream cluster, tried in order
 * @param replicas     the replicas of every stream and bucket the store creates (1 to 5; 3 survives the
 *                     loss of one node)
 * @param prefix       the name every stream, bucket and subject of this store starts with; two servers
 *                     share data only when they use the same prefix
 * @param lease        how long the lease stays valid without renewal: a crashed holder is replaced
 *                     after at most this long
 * @param waitForLease whether {@code open} waits until the lease is free (a standby of a fault-tolerance
 *                     group) instead of failing with {@code LOCKED}
 * @param user         user for the connection, or {@code null}
 * @param password     password for the connection, or {@code null}
 * @param token        token for the connection, or {@code null}
 */
public record JetStreamStoreConfig(List<String> urls, int replicas, String prefix, Duration lease,
                                   boolean waitForLease, String user, String password, String token) {

    /** Option: comma-separated NATS URLs of the JetStream cluster. */
    public static final String URLS = "js_urls";
    /** Option: replicas of the streams and buckets, 1 to 5. */
    public static final String REPLICAS = "js_replicas";
    /** Option: the prefix of every stream, bucket and subject name. */
    public static final String PREFIX = "js_prefix";
    /** Option: the lease time in milliseconds. */
    public static final String LEASE_MILLIS = "js_lease_ms";
    /** Option: {@code true} to wait for the lease (fault-tolerance standby) instead of failing. */
    public static final String WAIT_FOR_LEASE = "js_wait_for_lease";
    /** Options: credentials of the connection. */
    public static final String USER = "js_user";
    public static final String PASSWORD = "js_password";
    public static final String TOKEN = "js_token";

    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";
    public static final int DEFAULT_REPLICAS = 1;
    public static final String DEFAULT_PREFIX = "natsjms";
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(2);

    private static final Pattern PREFIX_CHARS = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public JetStreamStoreConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URLS + ": empty (expected: one or more NATS URLs)");
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException(REPLICAS + ": " + replicas + " (expected: 1 to 5)");
        }
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX_CHARS.matcher(prefix).matches()) {
            throw new IllegalArgumentException(PREFIX + ": \"" + prefix
                    + "\" (expected: 1 to 64 of A-Z, a-z, 0-9, '_' and '-')");
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.toMillis() < 100 || lease.toMillis() > 600_000) {
            throw new IllegalArgumentException(LEASE_MILLIS + ": " + lease.toMillis()
                    + " (expected: 100 to 600000 ms)");
        }
    }

    /**
     * The configuration the options of {@code config} describe.
     *
     * @throws IllegalArgumentException naming the option, its value and what was expected
     */
    public static JetStreamStoreConfig from(StoreConfig config) {
        List<String> urls = List.of(config.option(URLS).orElse(DEFAULT_URL).split(","))
                .stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        return new JetStreamStoreConfig(urls,
                intOption(config, REPLICAS, DEFAULT_REPLICAS),
                config.option(PREFIX).orElse(DEFAULT_PREFIX),
                Duration.ofMillis(intOption(config, LEASE_MILLIS, (int) DEFAULT_LEASE.toMillis())),
                booleanOption(config, WAIT_FOR_LEASE),
                config.option(USER).orElse(null),
                config.option(PASSWORD).orElse(null),
                config.option(TOKEN).orElse(null));
    }

    private static int intOption(StoreConfig config, String key, int fallback) {
        String value = config.option(key).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + value + "\" (expected: an integer)", e);
        }
    }

    private static boolean booleanOption(StoreConfig config, String key) {
        String value = config.option(key).orElse("false").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": \"" + value + "\" (expected: true or false)");
        };
    }

    /** The names of what this store keeps in JetStream. */
    Naming naming() {
        return new Naming(prefix);
    }
}
