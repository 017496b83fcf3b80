package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the runs within one repetition: the harnesses rotate their cases from one repetition
 * to the next (A/B/C, B/C/A, …), so that no case always runs first on a cold machine or last on a
 * machine the previous cases have loaded.
 */
public final class RunOrder {

    private RunOrder() {
    }

    /** {@code items} rotated left by {@code by} places (modulo their count). */
    public static <T> List<T> rotated(List<T> items, int by) {
        List<T> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(items.get((i + by) % items.size()));
        }
        return order;
    }
}
