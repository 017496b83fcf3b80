package io.natsjms.server.config;

import java.util.Locale;

/** The kinds of store the server can run on. */
public enum StoreType {
    /** Nothing survives a restart (the original server's default). */
    MEMORY("memory"),
    /** The crash-safe MapDB store in the data directory. */
    MAPDB("mapdb"),
    /** The JetStream store on a nats-server cluster (module {@code store-jetstream}); no data directory. */
    JETSTREAM("jetstream");

    private final String providerName;

    StoreType(String providerName) {
        this.providerName = providerName;
    }

    /** The name of the {@code StoreProvider} implementing this kind. */
    public String providerName() {
        return providerName;
    }

    /** Whether the store keeps its data in the data directory ({@code --dir}). */
    public boolean needsDirectory() {
        return this == MAPDB;
    }

    /**
     * Parses a store type as given on the command line; {@code FILE}, the original server's file
     * store, is accepted as another name of {@link #MAPDB}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static StoreType parse(String value) {
        switch (value.toUpperCase(Locale.ROOT)) {
            case "MEMORY":
                return MEMORY;
            case "MAPDB":
            case "FILE":
                return MAPDB;
            case "JETSTREAM":
                return JETSTREAM;
            default:
                throw new IllegalArgumentException("store: \"" + value
                        + "\" (expected: MEMORY, MAPDB, FILE or JETSTREAM)");
        }
    }
}
