package io.natsjms.arquillian.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the beans of one test application observed, as lines of text under a key (usually the channel),
 * in the order they were recorded. The test reads them through {@link RecordsServlet}.
 */
@ApplicationScoped
public class Recorder {

    private final ConcurrentMap<String, List<String>> lines = new ConcurrentHashMap<>();

    /** Appends {@code line} to the lines of {@code key}. */
    public void record(String key, String line) {
        lines.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(line);
    }

    /** The lines of {@code key} recorded so far. */
    public List<String> lines(String key) {
        List<String> recorded = lines.get(key);
        if (recorded == null) {
            return List.of();
        }
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }
}
