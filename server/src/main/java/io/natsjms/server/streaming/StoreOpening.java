package io.natsjms.server.streaming;

import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreProvider;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How the server opens its store: the options it fills in for the {@code jetstream} store, and fault
 * tolerance ({@code ft_group}), where a server waits as a standby until the store is free (the lease
 * of a JetStream store, the lock of a MapDB directory shared by the group) and then becomes active.
 *
 * <p>The option names are those the {@code store-jetstream} module reads; the server does not depend
 * on that module at compile time.
 */
public final class StoreOpening {

    /** Store option: URLs of the JetStream cluster (default: the {@code -ns} URL). */
    public static final String JS_URLS = "js_urls";
    /** Store option: replicas of the JetStream streams and buckets. */
    public static final String JS_REPLICAS = "js_replicas";
    /** Store option: prefix of the JetStream names (default: the cluster ID). */
    public static final String JS_PREFIX = "js_prefix";
    /** Store option: the JetStream lease time in milliseconds. */
    public static final String JS_LEASE_MILLIS = "js_lease_ms";
    /** Store option: wait for the JetStream lease instead of failing; set for members of a group. */
    static final String JS_WAIT_FOR_LEASE = "js_wait_for_lease";
    /** The fault-tolerance group this server is a member of (carried with the store options, not passed to the store). */
    public static final String FT_GROUP = "ft_group";

    private static final System.Logger LOG = System.getLogger(StoreOpening.class.getName());
    /** How often a MapDB standby tries the directory lock again. */
    private static final long LOCK_POLL_MILLIS = 100;
    /** How long a standby waits before opening an unavailable store again. */
    private static final long UNAVAILABLE_RETRY_MILLIS = 500;
    /** A standby warns about an unavailable store at most this often. */
    private static final long UNAVAILABLE_WARN_SECONDS = 30;

    private StoreOpening() {
    }

    /** Whether the server is a member of a fault-tolerance group. */
    public static boolean faultTolerant(ServerConfig config) {
        return config.storeOptions().containsKey(FT_GROUP);
    }

    /**
     * The store's configuration, with the server's defaults filled in.
     *
     * @throws IllegalArgumentException when a JetStream store has no URL to go to, or a memory store is
     *                                  asked to be fault tolerant
     */
    static StoreConfig storeConfig(ServerConfig config) {
        Map<String, String> options = new HashMap<>(config.storeOptions());
        boolean faultTolerant = faultTolerant(config);
        String group = options.remove(FT_GROUP);
        if (faultTolerant && config.storeType() == StoreType.MEMORY) {
            throw new IllegalArgumentException("ft_group: \"" + group
                    + "\" needs a store the group shares (expected: -st MAPDB with a shared --dir, or -st JETSTREAM)");
        }
        if (faultTolerant && config.embeddedBroker()) {
            throw new IllegalArgumentException("ft_group: \"" + group
                    + "\" needs an external NATS server that every member uses (expected: -ns <url>)");
        }
        if (config.storeType() == StoreType.JETSTREAM) {
            if (!options.containsKey(JS_URLS)) {
                if (config.embeddedBroker()) {
                    throw new IllegalArgumentException("js_urls: not set (expected: the URLs of a nats-server with "
                            + "JetStream, with --js_urls or -ns)");
                }
                options.put(JS_URLS, config.natsUrl());
            }
            options.putIfAbsent(JS_PREFIX, config.clusterId());
            if (faultTolerant) {
                options.put(JS_WAIT_FOR_LEASE, "true");
            }
        }
        return new StoreConfig(config.dataDir(), config.storeLimits(), options);
    }

    /**
     * Opens the store; a member of a fault-tolerance group waits here, as a standby, until the store
     * is free, and tries again while the store is unavailable (a JetStream cluster electing its leaders
     * after losing a node): the group exists to ride that out, so a standby must not exit on it.
     */
    static Store open(ServerConfig config) {
        StoreConfig storeConfig = storeConfig(config);
        StoreProvider provider = StoreProvider.named(config.storeType().providerName());
        if (!faultTolerant(config)) {
            return provider.open(storeConfig);
        }
        return standBy(config.storeOptions().get(FT_GROUP), () -> provider.open(storeConfig), LOCK_POLL_MILLIS,
                UNAVAILABLE_RETRY_MILLIS);
    }

    /**
     * Opens the store with {@code opener} until it is neither locked nor unavailable, waiting
     * {@code lockPollMillis} after a locked store and {@code retryMillis} after an unavailable one.
     */
    static Store standBy(String group, Supplier<Store> opener, long lockPollMillis, long retryMillis) {
        LOG.log(Level.INFO, "fault-tolerance group \"{0}\": waiting to become the active server", group);
        boolean announced = false;
        long lastWarned = 0;
        while (true) {
            long waitMillis;
            try {
                Store store = opener.get();
                LOG.log(Level.INFO, "fault-tolerance group \"{0}\": this server is now active", group);
                return store;
            } catch (StoreException e) {
                if (e.reason() == StoreException.Reason.LOCKED) {
                    if (!announced) {
                        announced = true;
                        LOG.log(Level.INFO, "fault-tolerance group \"{0}\": standing by ({1})", group, e.getMessage());
                    }
                    waitMillis = lockPollMillis;
                } else if (e.reason() == StoreException.Reason.UNAVAILABLE) {
                    long now = System.nanoTime();
                    if (lastWarned == 0 || now - lastWarned > TimeUnit.SECONDS.toNanos(UNAVAILABLE_WARN_SECONDS)) {
                        lastWarned = now;
                        LOG.log(Level.WARNING, "fault-tolerance group \"{0}\": the store is unavailable ({1}); "
                                + "trying again every {2} ms", group, e.getMessage(), retryMillis);
                    }
                    waitMillis = retryMillis;
                } else {
                    throw e;
                }
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.IO, "interrupted while standing by in group \""
                        + group + "\"", e);
            }
        }
    }
}
