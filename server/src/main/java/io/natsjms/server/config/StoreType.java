package io.natsjms.server.config;

import java.util.Locale;

/** The kinds of store the server can run on. */
public enum StoreType {
    /** Nothing survives a restart (the original server's default). */
    MEMORY("memory"),
    /** The crash-safe MapDB store in the data directory. */
    MAPDB("mapdb");

    private final String providerName;

    StoreType(String providerName) {
        this.providerName = providerName;
    }

    /** The name of the {@code StoreProvider} implementing this kind. */
    public String providerName() {
        return providerName;
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
            default:
                throw new IllegalArgumentException("store: \"" + value + "\" (expected: MEMORY, MAPDB or FILE)");
        }
    }
}
