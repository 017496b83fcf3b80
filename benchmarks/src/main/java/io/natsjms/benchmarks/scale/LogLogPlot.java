package io.natsjms.benchmarks.scale;

import java.util.List;
import java.util.Locale;

/**
 * A grid of small log-log line charts written as SVG text, with no library: each panel has decade
 * grid lines, one polyline per series and a dashed reference that shows what linear growth would look
 * like for each series (a flat line where the y axis is a cost per unit, a slope-one line where it is a
 * total), drawn through the series' first point.
 */
final class LogLogPlot {

    private static final int WIDTH = 440;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    /** What linear growth looks like on a panel. */
    enum Reference {
        /** y is a cost per unit: linear growth keeps it constant. */
        FLAT,
        /** y is a total: linear growth is a line of slope one. */
        SLOPE_ONE
    }

    /** A named line of (x, y) points, both positive. */
    record Series(String name, List<double[]> points) {
        Series {
            points = List.copyOf(points);
            for (double[] point : points) {
                if (point.length != 2 || !(point[0] > 0) || !(point[1] > 0)) {
                    throw new IllegalArgumentException("series \"" + name + "\": point " + java.util.Arrays.toString(point)
                            + " (expected: x > 0 and y > 0 on log axes)");
                }
            }
        }
    }

    /** One chart; each series' reference runs through its first point. */
    record Panel(String title, String xLabel, String yLabel, List<Series> series, Reference reference) {
        Panel {
            series = List.copyOf(series);
        }
    }

    private LogLogPlot() {
    }

    /** The panels in rows of {@code columns}, as a standalone SVG document. */
    static String svg(String title, List<Panel> panels, int columns) {
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * WIDTH;
        int height = rows * HEIGHT + 30;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" text-anchor=\"middle\">%s</text>%n",
                width / 2, escape(title)));
        for (int i = 0; i < panels.size(); i++) {
            out.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,%d)\">%n", (i % columns) * WIDTH,
                    30 + (i / columns) * HEIGHT));
            panel(out, panels.get(i));
            out.append("</g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder out, Panel panel) {
        double[] xRange = decades(panel, 0);
        double[] yRange = decades(panel, 1);
        Axes axes = new Axes(xRange, yRange);
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"12\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(panel.title())));
        for (double x = xRange[0]; x <= xRange[1]; x++) {
            double px = axes.x(Math.pow(10, x));
            out.append(line(px, TOP, px, HEIGHT - BOTTOM, "#ddd", ""));
            out.append(text(px, HEIGHT - BOTTOM + 14, "middle", decadeLabel(x)));
        }
        for (double y = yRange[0]; y <= yRange[1]; y++) {
            double py = axes.y(Math.pow(10, y));
            out.append(line(LEFT, py, WIDTH - RIGHT, py, "#ddd", ""));
            out.append(text(LEFT - 4, py + 4, "end", decadeLabel(y)));
        }
        out.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 14, "middle", panel.xLabel()));
        out.append(String.format(Locale.ROOT,
                "<text transform=\"translate(14,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2.0, escape(panel.yLabel())));
        int legendY = TOP + 12;
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"230\" height=\"%d\" fill=\"white\" "
                + "fill-opacity=\"0.8\"/>%n", LEFT + 6, TOP + 1, 14 * panel.series().size() + 18));
        for (int s = 0; s < panel.series().size(); s++) {
            Series series = panel.series().get(s);
            String colour = COLOURS[s % COLOURS.length];
            reference(out, panel, series, colour, axes, xRange);
            StringBuilder points = new StringBuilder();
            for (double[] point : series.points()) {
                double px = axes.x(point[0]);
                double py = axes.y(point[1]);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py,
                        colour));
            }
            out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), colour));
            out.append(line(LEFT + 10, legendY - 4, LEFT + 30, legendY - 4, colour, ""));
            out.append(text(LEFT + 34, legendY, "start", series.name()));
            legendY += 14;
        }
        out.append(line(LEFT + 10, legendY - 4, LEFT + 30, legendY - 4, "#888", " stroke-dasharray=\"5 4\""));
        out.append(text(LEFT + 34, legendY, "start", panel.reference() == Reference.FLAT
                ? "linear growth (constant cost per unit)" : "linear growth (slope one)"));
    }

    /** A dashed line in the series' colour through its first point, as it would run with linear growth. */
    private static void reference(StringBuilder out, Panel panel, Series series, String colour, Axes axes,
                                  double[] xRange) {
        if (series.points().isEmpty()) {
            return;
        }
        double[] anchor = series.points().get(0);
        double x0 = Math.pow(10, xRange[0]);
        double x1 = Math.pow(10, xRange[1]);
        double slope = panel.reference() == Reference.FLAT ? 0 : 1;
        double y0 = anchor[1] * Math.pow(x0 / anchor[0], slope);
        double y1 = anchor[1] * Math.pow(x1 / anchor[0], slope);
        out.append(String.format(Locale.ROOT, "<svg x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" overflow=\"hidden\" "
                + "viewBox=\"%d %d %d %d\">%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, LEFT, TOP,
                WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        out.append(line(axes.x(x0), axes.y(y0), axes.x(x1), axes.y(y1), colour,
                " stroke-opacity=\"0.6\" stroke-dasharray=\"5 4\""));
        out.append("</svg>\n");
    }

    /** The whole decades (log10, floor and ceiling) spanning coordinate {@code axis} of every point. */
    static double[] decades(Panel panel, int axis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series series : panel.series()) {
            for (double[] point : series.points()) {
                min = Math.min(min, point[axis]);
                max = Math.max(max, point[axis]);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        double low = Math.floor(Math.log10(min));
        double high = Math.ceil(Math.log10(max));
        return new double[] {low, Math.max(high, low + 1)};
    }

    private static String decadeLabel(double exponent) {
        long e = Math.round(exponent);
        if (e >= 0 && e <= 4) {
            return String.format(Locale.ROOT, "%,d", (long) Math.pow(10, e));
        }
        if (e < 0 && e >= -3) {
            return String.format(Locale.ROOT, "%." + (-e) + "f", Math.pow(10, e));
        }
        return "1e" + e;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, extra);
    }

    private static String text(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
                escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps data values to pixels of a panel, given the decades each axis spans. */
    private record Axes(double[] xRange, double[] yRange) {
        double x(double value) {
            return LEFT + (Math.log10(value) - xRange[0]) / (xRange[1] - xRange[0]) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - (Math.log10(value) - yRange[0]) / (yRange[1] - yRange[0]) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
