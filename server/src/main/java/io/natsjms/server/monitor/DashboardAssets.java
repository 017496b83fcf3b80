package io.natsjms.server.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's static files (page, script, style sheet), read once from the class path. The page
 * feeds itself from the JSON endpoints; nothing here depends on the server's state.
 */
final class DashboardAssets {

    private static final Map<String, Reply> ASSETS = Map.of(
            Routes.DASHBOARD, load("dashboard.html", Reply.HTML),
            Routes.ROOT + "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            Routes.ROOT + "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));

    private DashboardAssets() {
    }

    /** The file served at {@code path}, if the dashboard has one there. */
    static Optional<Reply> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    private static Reply load(String name, String contentType) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + name + " is missing from the class path");
            }
            return new Reply(200, contentType, in.readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("can't read the dashboard file " + name, e);
        }
    }
}
