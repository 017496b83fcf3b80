package io.natsjms.store;

import java.util.ServiceLoader;

/**
 * A kind of store, found with {@link ServiceLoader}: the server opens the store whose
 * {@link #name()} the configuration names.
 */
public interface StoreProvider {

    /** The name used to select this store, in lower case ({@code memory}, {@code mapdb}). */
    String name();

    /**
     * Opens (or creates) a store.
     *
     * @throws StoreException {@code LOCKED} if another process has the directory open, {@code CORRUPT}
     *                        if its files are damaged, {@code IO} if they cannot be read, {@code UNAVAILABLE}
     *                        if what holds the store cannot be reached now
     * @throws IllegalArgumentException if the configuration is not valid for this store
     */
    Store open(StoreConfig config);

    /**
     * The provider named {@code name} (case-insensitive) among those on the class path.
     *
     * @throws IllegalArgumentException naming the value and the available stores
     */
    static StoreProvider named(String name) {
        StringBuilder known = new StringBuilder();
        for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, StoreProvider.class.getClassLoader())) {
            if (provider.name().equalsIgnoreCase(name)) {
                return provider;
            }
            known.append(known.length() == 0 ? "" : ", ").append(provider.name());
        }
        throw new IllegalArgumentException("store: \"" + name + "\" (expected one of: " + known + ")");
    }
}
