package io.natsjms.store.mapdb;

import java.util.Locale;

/** When the store forces its files to disk. */
public enum FsyncPolicy {
    /** {@code commit()} returns only after everything it covers is on disk. */
    ALWAYS,
    /** {@code commit()} hands data to the OS; a background task forces it every interval. */
    INTERVAL,
    /** The store never forces; the OS writes back when it likes (a process crash loses nothing). */
    NEVER;

    /** The option value, in lower case. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FsyncPolicy parse(String value) {
        for (FsyncPolicy policy : values()) {
            if (policy.optionValue().equalsIgnoreCase(value.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("fsync: \"" + value + "\" (expected one of: always, interval, never)");
    }
}
