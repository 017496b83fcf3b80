package io.natsjms.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StoreProvider} needs to open a store.
 *
 * @param directory the data directory; {@code null} for stores that do not persist
 * @param limits    the limits to enforce
 * @param options   provider-specific options (for example the fsync policy of {@code mapdb})
 */
public record StoreConfig(Path directory, StoreLimits limits, Map<String, String> options) {

    public StoreConfig {
        Objects.requireNonNull(limits, "limits");
        options = Map.copyOf(options);
    }

    public static StoreConfig inMemory(StoreLimits limits) {
        return new StoreConfig(null, limits, Map.of());
    }

    public static StoreConfig at(Path directory, StoreLimits limits) {
        return new StoreConfig(Objects.requireNonNull(directory, "directory"), limits, Map.of());
    }

    public StoreConfig withOption(String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return new StoreConfig(directory, limits, copy);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
