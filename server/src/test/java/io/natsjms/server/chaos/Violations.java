package io.natsjms.server.chaos;

import java.util.ArrayList;
import java.util.List;

/** Every broken expectation found so far, with the step it was found in; shared by all threads. */
final class Violations {

    private final List<String> found = new ArrayList<>();
    private volatile String step = "setup";

    void step(String description) {
        step = description;
    }

    synchronized void add(String violation) {
        if (found.size() < 50) {
            found.add("[" + step + "] " + violation);
        }
    }

    synchronized boolean any() {
        return !found.isEmpty();
    }

    synchronized List<String> all() {
        return List.copyOf(found);
    }
}
