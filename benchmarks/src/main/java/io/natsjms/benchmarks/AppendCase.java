package io.natsjms.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One thing to measure: {@code raw} (the file ceiling) or the name of a store provider, with the
 * provider options to open it with.
 *
 * @param name    {@value RawFileTarget#NAME} or a {@link io.natsjms.store.StoreProvider} name
 * @param options provider options (ignored for {@code raw})
 */
record AppendCase(String name, Map<String, String> options) {

    AppendCase {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
    }

    boolean isRaw() {
        return name.equals(RawFileTarget.NAME);
    }

    /** Opens a new target whose data lives in {@code directory}. */
    AppendTarget open(Path directory) {
        return isRaw() ? new RawFileTarget(directory) : new StoreTarget(name, directory, options);
    }
}
