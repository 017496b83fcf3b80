package io.natsjms.benchmarks.peer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row group of {@link PeerHarness}, named on the command line:
 * <ul>
 *   <li>{@code pub-<store>} — async publish with the official client, one publisher;</li>
 *   <li>{@code sync-<store>} — synchronous publish, one at a time: rate and PubAck latency;</li>
 *   <li>{@code live-<store>-<maxInFlight>} — publish while one subscriber receives;</li>
 *   <li>{@code drain-<store>-<maxInFlight>} — a new subscriber receives a backlog.</li>
 * </ul>
 * {@code store} is {@code file} (persistent, synced on every write batch) or {@code memory}.
 *
 * @param kind        what is measured
 * @param store       {@code file} or {@code memory}
 * @param maxInFlight the subscriber's max in flight for live and drain cases, otherwise 0
 */
record PeerCase(Kind kind, String store, int maxInFlight) {

    enum Kind { PUB, SYNC, LIVE, DRAIN }

    /** The rows of the comparison, in the default order. */
    static final List<String> DEFAULT_NAMES = List.of("pub-file", "pub-memory", "sync-file",
            "live-file-1024", "live-file-16384", "drain-file-1024", "drain-file-16384");

    private static final List<String> STORES = List.of("file", "memory");

    PeerCase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(store, "store");
    }

    /**
     * @throws IllegalArgumentException naming the case and the accepted forms
     */
    static PeerCase parse(String name) {
        String[] parts = name.split("-", -1);
        if (parts.length >= 2 && STORES.contains(parts[1])) {
            switch (parts[0]) {
                case "pub":
                    if (parts.length == 2) {
                        return new PeerCase(Kind.PUB, parts[1], 0);
                    }
                    break;
                case "sync":
                    if (parts.length == 2) {
                        return new PeerCase(Kind.SYNC, parts[1], 0);
                    }
                    break;
                case "live", "drain":
                    if (parts.length == 3 && parts[2].matches("[1-9][0-9]{0,8}")) {
                        return new PeerCase(parts[0].equals("live") ? Kind.LIVE : Kind.DRAIN, parts[1],
                                Integer.parseInt(parts[2]));
                    }
                    break;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("case: \"" + name + "\" (expected: pub-<file|memory>, sync-<file|memory>, "
                + "live-<file|memory>-<max in flight >= 1> or drain-<file|memory>-<max in flight >= 1>)");
    }

    /** The name it was parsed from. */
    String name() {
        String base = kind.name().toLowerCase(Locale.ROOT) + "-" + store;
        return maxInFlight > 0 ? base + "-" + maxInFlight : base;
    }

    boolean persistent() {
        return store.equals("file");
    }

    /** The figures a run of this case yields, in the order of {@link CaseResult#values()}. */
    List<Figure> figures() {
        return switch (kind) {
            case PUB -> List.of(Figure.higher("async publish msgs/s"));
            case SYNC -> List.of(Figure.higher("sync publish msgs/s"), Figure.lower("PubAck p50 ms"),
                    Figure.lower("PubAck p99 ms"));
            case LIVE -> List.of(Figure.higher("delivered msgs/s"), Figure.lower("subscriber behind at end, s"));
            case DRAIN -> List.of(Figure.higher("drain msgs/s"));
        };
    }

    /**
     * One number of a case.
     *
     * @param title          what it is, with its unit
     * @param higherIsBetter whether a larger value (and so a ratio above 1) is the better one
     */
    record Figure(String title, boolean higherIsBetter) {

        static Figure higher(String title) {
            return new Figure(title, true);
        }

        static Figure lower(String title) {
            return new Figure(title, false);
        }
    }
}
