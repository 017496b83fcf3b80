package io.natsjms.server.cli;

import io.natsjms.server.streaming.StoreOpening;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of the JetStream store and of fault tolerance, mixed into {@link ServerCommand}. They
 * become store options (see {@link StoreOpening} for the defaults the server fills in).
 */
final class JetStreamFlags {

    @Option(names = {"--js_urls"}, paramLabel = "<urls>",
            description = "JETSTREAM store: comma-separated URLs of the nats-server cluster with JetStream "
                    + "(default: the -ns URL)")
    String urls;

    @Option(names = {"--js_replicas"}, paramLabel = "<int>", converter = Converters.IntCount.class,
            description = "JETSTREAM store: replicas of its streams and buckets, 1 to 5 (default: 1; 3 survives "
                    + "the loss of one node)")
    Integer replicas;

    @Option(names = {"--js_prefix"}, paramLabel = "<name>",
            description = "JETSTREAM store: prefix of its stream, bucket and subject names (default: the cluster ID)")
    String prefix;

    @Option(names = {"--js_lease"}, paramLabel = "<duration>", converter = Converters.GoDurationValue.class,
            description = "JETSTREAM store: lease time; a dead active server is replaced after at most this long "
                    + "(default: 2s)")
    Duration lease;

    @Option(names = {"--ft_group"}, paramLabel = "<name>",
            description = "Fault tolerance: run as a member of this group; one member is active, the others "
                    + "wait for its store (JETSTREAM: the lease; MAPDB: the lock of a shared directory)")
    String ftGroup;

    /** Adds the options given on the command line to {@code options}. */
    void addTo(Map<String, String> options) {
        if (urls != null) {
            options.put(StoreOpening.JS_URLS, urls);
        }
        if (replicas != null) {
            options.put(StoreOpening.JS_REPLICAS, replicas.toString());
        }
        if (prefix != null) {
            options.put(StoreOpening.JS_PREFIX, prefix);
        }
        if (lease != null) {
            options.put(StoreOpening.JS_LEASE_MILLIS, Long.toString(lease.toMillis()));
        }
        if (ftGroup != null) {
            options.put(StoreOpening.FT_GROUP, ftGroup);
        }
    }
}
