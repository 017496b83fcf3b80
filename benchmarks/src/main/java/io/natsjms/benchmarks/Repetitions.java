package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Numbers measured once per repetition under a key (a case, a case and a batch size, a figure and a
 * provider, …). Summarises each key over its repetitions and divides one key by another <em>per
 * repetition</em> — runs taken back to back in the same repetition share the machine's load of the
 * moment, so the paired ratio is steadier than the ratio of two medians.
 *
 * @param <K> the key type; must have value equality
 */
public final class Repetitions<K> {

    private final Map<K, TreeMap<Integer, Double>> values = new HashMap<>();

    /** Records {@code value} for {@code key} in repetition {@code rep} (a later value replaces an earlier one). */
    public void add(K key, int rep, double value) {
        if (rep < 0) {
            throw new IllegalArgumentException("rep: " + rep + " (expected: >= 0)");
        }
        values.computeIfAbsent(key, k -> new TreeMap<>()).put(rep, value);
    }

    /** The values of {@code key} in repetition order; empty if none was recorded. */
    public List<Double> values(K key) {
        TreeMap<Integer, Double> byRep = values.get(key);
        return byRep == null ? List.of() : List.copyOf(byRep.values());
    }

    /** The value of {@code key} in repetition {@code rep}, if one was recorded. */
    public Optional<Double> value(K key, int rep) {
        TreeMap<Integer, Double> byRep = values.get(key);
        return byRep == null ? Optional.empty() : Optional.ofNullable(byRep.get(rep));
    }

    /** Median, min and max of {@code key} over its repetitions; empty if none was recorded. */
    public Optional<Summary> summary(K key) {
        List<Double> recorded = values(key);
        return recorded.isEmpty() ? Optional.empty() : Optional.of(Summary.of(recorded));
    }

    /**
     * {@code key ÷ reference} for every repetition that has both, in repetition order; a repetition
     * whose reference is 0 is left out.
     */
    public List<Double> ratios(K key, K reference) {
        TreeMap<Integer, Double> numerators = values.get(key);
        TreeMap<Integer, Double> denominators = values.get(reference);
        List<Double> ratios = new ArrayList<>();
        if (numerators == null || denominators == null) {
            return ratios;
        }
        numerators.forEach((rep, value) -> {
            Double base = denominators.get(rep);
            if (base != null && base != 0) {
                ratios.add(value / base);
            }
        });
        return ratios;
    }
}
