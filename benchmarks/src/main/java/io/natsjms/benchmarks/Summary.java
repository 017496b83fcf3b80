package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median, minimum and maximum of a few repeated measurements.
 *
 * @param median the middle value (the mean of the two middle values for an even count)
 * @param min    the smallest value
 * @param max    the largest value
 * @param count  how many values
 */
public record Summary(double median, double min, double max, int count) {

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values: empty (expected: at least one)");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** {@code median [min–max]} with the given format for each number. */
    public String format(String numberFormat) {
        return String.format(Locale.ROOT, numberFormat, median) + " [" + String.format(Locale.ROOT, numberFormat, min) + "–"
                + String.format(Locale.ROOT, numberFormat, max) + "]";
    }
}
