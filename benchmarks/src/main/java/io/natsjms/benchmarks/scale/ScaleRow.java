package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.Summary;
import java.util.List;

/**
 * One measured figure at one scale, with its repetitions and the cost per unit derived from their
 * median (the number that stays flat when the total grows linearly).
 *
 * @param figure      what was measured, for example {@code publish throughput}
 * @param series      the store or kind of state, for example {@code mapdb}
 * @param scaleName   what the scale counts, for example {@code channels}
 * @param scale       the scale
 * @param unit        the unit of {@code values}
 * @param values      one value per repetition
 * @param perUnit     the cost per unit at the median; NaN when it has no meaning (no baseline yet)
 * @param perUnitName the unit of {@code perUnit}, for example {@code µs per publish}
 */
record ScaleRow(String figure, String series, String scaleName, long scale, String unit, List<Double> values,
                double perUnit, String perUnitName) {

    ScaleRow {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(figure + " at " + scale + " " + scaleName
                    + ": no values (expected: one per repetition)");
        }
    }

    Summary summary() {
        return Summary.of(values);
    }
}
