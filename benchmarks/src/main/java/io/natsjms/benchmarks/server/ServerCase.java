package io.natsjms.benchmarks.server;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing {@link ServerHarness} measures, named on the command line:
 * <ul>
 *   <li>{@code acked} — core-NATS acked publish on the embedded broker (ceiling a);</li>
 *   <li>{@code store} — the MapDB store's own appends, 1000 per commit, fsync always (ceiling b);</li>
 *   <li>{@code fsync} — raw file appends, 1000 per fdatasync (ceiling c);</li>
 *   <li>{@code pub-<stan|raw>-<mapdb|memory>-<publishers>} — async publish to the server with the
 *       official client ({@code stan}) or the raw protobuf publisher ({@code raw});</li>
 *   <li>{@code drain-<store>}, {@code live-<store>} — delivery to one official-client subscriber;</li>
 *   <li>{@code latency-<store>} — publish -> deliver latency at the fixed rate.</li>
 * </ul>
 *
 * @param kind       what is measured
 * @param client     {@code stan} or {@code raw} for publish cases, otherwise empty
 * @param store      {@code mapdb} or {@code memory} for server cases, otherwise empty
 * @param publishers publisher count for publish cases, otherwise 1
 */
record ServerCase(Kind kind, String client, String store, int publishers) {

    enum Kind { ACKED, STORE, FSYNC, PUB, DRAIN, LIVE, LATENCY }

    /** Every case, in the default order: ceilings first. */
    static final List<String> DEFAULT_NAMES = List.of(
            "acked", "store", "fsync",
            "pub-stan-mapdb-1", "pub-stan-mapdb-4", "pub-raw-mapdb-1", "pub-raw-mapdb-4",
            "pub-stan-memory-1", "pub-stan-memory-4", "pub-raw-memory-1", "pub-raw-memory-4",
            "drain-mapdb", "drain-memory", "live-mapdb", "live-memory",
            "latency-mapdb", "latency-memory");

    private static final List<String> STORES = List.of("mapdb", "memory");
    private static final List<String> CLIENTS = List.of("stan", "raw");

    ServerCase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(store, "store");
    }

    /**
     * @throws IllegalArgumentException naming the case and the accepted forms
     */
    static ServerCase parse(String name) {
        String[] parts = name.split("-");
        try {
            switch (parts[0]) {
                case "acked", "store", "fsync":
                    if (parts.length == 1) {
                        return new ServerCase(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), "", "", 1);
                    }
                    break;
                case "pub":
                    if (parts.length == 4 && CLIENTS.contains(parts[1]) && STORES.contains(parts[2])) {
                        int publishers = Integer.parseInt(parts[3]);
                        if (publishers >= 1) {
                            return new ServerCase(Kind.PUB, parts[1], parts[2], publishers);
                        }
                    }
                    break;
                case "drain", "live", "latency":
                    if (parts.length == 2 && STORES.contains(parts[1])) {
                        return new ServerCase(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), "", parts[1], 1);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("case: \"" + name + "\" (expected: acked, store, fsync, "
                + "pub-<stan|raw>-<mapdb|memory>-<publishers >= 1>, drain-<store>, live-<store> or latency-<store>)");
    }

    /** The name it was parsed from. */
    String name() {
        return switch (kind) {
            case ACKED, STORE, FSYNC -> kind.name().toLowerCase(Locale.ROOT);
            case PUB -> "pub-" + client + "-" + store + "-" + publishers;
            default -> kind.name().toLowerCase(Locale.ROOT) + "-" + store;
        };
    }

    /** The ceiling this case's throughput is divided by, or {@code null} for the references. */
    String reference() {
        return switch (kind) {
            case ACKED, FSYNC, LATENCY -> null;
            case STORE -> "fsync";
            case PUB -> store.equals("mapdb") ? "store" : "acked";
            case DRAIN, LIVE -> "acked";
        };
    }

    /** The ratio to {@link #reference()} the issue asks for, or 0 when it sets none. */
    double target() {
        if (kind != Kind.PUB) {
            return 0;
        }
        return store.equals("mapdb") ? 0.8 : 0.5;
    }
}
