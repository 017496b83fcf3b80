package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.MarkdownTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three renderings of a run's {@link ScaleRow}s: a Markdown table, a CSV with one line per
 * repetition, and the log-log SVG of the costs per unit against scale.
 */
final class ScaleReport {

    private ScaleReport() {
    }

    /**
     * One line per row; the last column divides its cost per unit by the one at the smallest scale of
     * the same figure and series that has a positive cost, so linear growth reads 1.00x and
     * faster-than-linear growth more. A footprint at or below the empty server's is reported as none.
     */
    static String markdown(List<ScaleRow> rows) {
        MarkdownTable table = new MarkdownTable().left("figure").left("series").right("scale")
                .right("median [min–max]").right("cost per unit").right("per unit ÷ smallest scale's");
        Map<String, Double> first = new LinkedHashMap<>();
        for (ScaleRow row : rows) {
            String group = row.figure() + "/" + row.series();
            String cost = "";
            String growth = "";
            if (row.perUnit() > 0) {
                first.putIfAbsent(group, row.perUnit());
                cost = String.format(Locale.ROOT, perUnitFormat(row.perUnit()), row.perUnit()) + " " + row.perUnitName();
                growth = String.format(Locale.ROOT, "%.2fx", row.perUnit() / first.get(group));
            } else if (!Double.isNaN(row.perUnit())) {
                // a footprint no larger than the empty server's: the difference is noise
                cost = "none measurable (" + String.format(Locale.ROOT, perUnitFormat(row.perUnit()), row.perUnit())
                        + ")";
            }
            table.row(row.figure(), row.series(), String.format(Locale.ROOT, "%,d %s", row.scale(), row.scaleName()),
                    row.summary().format(format(row.unit())) + " " + row.unit() + " (n=" + row.values().size() + ")",
                    cost, growth);
        }
        return table.render();
    }

    /** {@code figure,series,scale_name,scale,unit,repetition,value,per_unit,per_unit_name}, one line per value. */
    static String csv(List<ScaleRow> rows) {
        StringBuilder out = new StringBuilder("figure,series,scale_name,scale,unit,repetition,value,per_unit,per_unit_name\n");
        for (ScaleRow row : rows) {
            for (int rep = 0; rep < row.values().size(); rep++) {
                out.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%d,%.3f,%s,%s%n", row.figure(), row.series(),
                        row.scaleName(), row.scale(), row.unit(), rep + 1, row.values().get(rep),
                        Double.isNaN(row.perUnit()) ? "" : String.format(Locale.ROOT, "%.6f", row.perUnit()),
                        row.perUnitName()));
            }
        }
        return out.toString();
    }

    /** The costs per unit on log-log axes, one panel per figure, one line per series. */
    static String svg(List<ScaleRow> rows, String title) {
        List<LogLogPlot.Panel> panels = new ArrayList<>();
        addPanel(panels, rows, ScaleResults.PUBLISH_RATE, "µs per publish vs channels", "channels", "µs per publish");
        addPanel(panels, rows, ScaleResults.PUBLISH_P99, "PubAck p99 at a fixed rate vs channels", "channels", "ms");
        addPanel(panels, rows, ScaleResults.CREATE, "µs per channel created vs channels", "channels",
                "µs per channel");
        addPanel(panels, rows, ScaleResults.FANOUT_RATE, "µs per delivery vs subscribers of one channel",
                "subscribers", "µs per delivery");
        addPanel(panels, rows, ScaleResults.HEAP, "heap per subscription / stored message", "subscriptions or messages",
                "bytes above the empty server");
        addPanel(panels, rows, ScaleResults.START, "start-up per subscription / stored message",
                "subscriptions or messages", "µs above the empty server");
        return LogLogPlot.svg(title, panels, 3);
    }

    private static void addPanel(List<LogLogPlot.Panel> panels, List<ScaleRow> rows, String figure, String title,
                                 String xLabel, String yLabel) {
        Map<String, List<double[]>> bySeries = new LinkedHashMap<>();
        for (ScaleRow row : rows) {
            if (row.figure().equals(figure) && row.perUnit() > 0) {
                bySeries.computeIfAbsent(row.series(), k -> new ArrayList<>())
                        .add(new double[] {row.scale(), row.perUnit()});
            }
        }
        if (!bySeries.isEmpty()) {
            List<LogLogPlot.Series> series = new ArrayList<>();
            bySeries.forEach((name, points) -> series.add(new LogLogPlot.Series(name, points)));
            panels.add(new LogLogPlot.Panel(title, xLabel, yLabel, series, LogLogPlot.Reference.FLAT));
        }
    }

    private static String format(String unit) {
        return unit.equals("ms") ? "%,.1f" : "%,.0f";
    }

    private static String perUnitFormat(double value) {
        return Math.abs(value) >= 100 ? "%,.0f" : Math.abs(value) >= 1 ? "%.2f" : "%.4f";
    }
}
