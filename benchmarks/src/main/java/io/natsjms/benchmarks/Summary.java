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

    /**
     * A format for ratios with enough digits to tell small ones apart ({@code %.3fx} below 0.1,
     * {@code %.2fx} up to 100, {@code %,.0fx} from there), chosen by the smallest of {@code ratios}.
     */
    public static String ratioFormat(List<Double> ratios) {
        double smallest = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        if (smallest < 0.1) {
            return "%.3fx";
        }
        return smallest >= 100 ? "%,.0fx" : "%.2fx";
    }
}
