package io.natsjms.server.chaos;

import java.util.Collection;
import java.util.TreeSet;

/** Sequences written as ranges, {@code 1..5,8,10..12}, so that a report stays readable. */
final class Ranges {

    private Ranges() {
    }

    static String of(Collection<Long> sequences) {
        if (sequences.isEmpty()) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (long seq : new TreeSet<>(sequences)) {
            if (previous != null && seq == previous + 1) {
                previous = seq;
                continue;
            }
            append(out, start, previous);
            start = seq;
            previous = seq;
        }
        append(out, start, previous);
        return out.toString();
    }

    private static void append(StringBuilder out, Long start, Long end) {
        if (start == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        out.append(start);
        if (!end.equals(start)) {
            out.append("..").append(end);
        }
    }
}
