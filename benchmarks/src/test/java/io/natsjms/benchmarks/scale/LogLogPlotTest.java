package io.natsjms.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogLogPlotTest {

    private static LogLogPlot.Panel panel(LogLogPlot.Series... series) {
        return new LogLogPlot.Panel("t", "x", "y", List.of(series), LogLogPlot.Reference.FLAT);
    }

    @Test
    void axesSpanWholeDecadesAroundThePoints() {
        LogLogPlot.Panel panel = panel(new LogLogPlot.Series("a", List.of(new double[] {1, 3.5},
                new double[] {10_000, 420})));
        assertThat(LogLogPlot.decades(panel, 0)).containsExactly(0, 4);
        assertThat(LogLogPlot.decades(panel, 1)).containsExactly(0, 3);
    }

    @Test
    void aSinglePointStillGetsOneDecade() {
        LogLogPlot.Panel panel = panel(new LogLogPlot.Series("a", List.<double[]>of(new double[] {100, 100})));
        assertThat(LogLogPlot.decades(panel, 0)).containsExactly(2, 3);
    }

    @Test
    void aPointThatALogAxisCannotShowIsRefusedWithItsSeries() {
        assertThatThrownBy(() -> new LogLogPlot.Series("heap", List.<double[]>of(new double[] {1000, -5})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series \"heap\": point [1000.0, -5.0] (expected: x > 0 and y > 0 on log axes)");
    }

    @Test
    void eachSeriesIsOnePolylineWhosePointsRiseWithTheirValues() {
        String svg = LogLogPlot.svg("title <&>", List.of(panel(
                new LogLogPlot.Series("mapdb", List.of(new double[] {1, 10}, new double[] {100, 100})),
                new LogLogPlot.Series("memory", List.of(new double[] {1, 1}, new double[] {100, 2})))), 3);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n")
                .contains("title &lt;&amp;&gt;");
        Matcher polylines = Pattern.compile("<polyline points=\"([^\"]+)\"").matcher(svg);
        assertThat(polylines.find()).isTrue();
        double[] first = pixels(polylines.group(1));
        assertThat(first[2]).isGreaterThan(first[0]);
        assertThat(first[3]).as("a larger value is drawn higher (smaller y)").isLessThan(first[1]);
        assertThat(polylines.find()).isTrue();
        assertThat(polylines.find()).isFalse();
        assertThat(svg).contains(">mapdb<", ">memory<", "linear growth (constant cost per unit)");
    }

    @Test
    void theFlatReferenceOfASeriesIsHorizontalThroughItsFirstPoint() {
        String svg = LogLogPlot.svg("t", List.of(panel(
                new LogLogPlot.Series("a", List.of(new double[] {1, 10}, new double[] {100, 1000})))), 1);
        Matcher dashed = Pattern.compile("<line x1=\"[0-9.]+\" y1=\"([0-9.]+)\" x2=\"[0-9.]+\" y2=\"([0-9.]+)\" "
                + "stroke=\"#1f77b4\" stroke-opacity").matcher(svg);
        assertThat(dashed.find()).isTrue();
        assertThat(dashed.group(1)).isEqualTo(dashed.group(2));
        Matcher polyline = Pattern.compile("<polyline points=\"([^\"]+)\"").matcher(svg);
        assertThat(polyline.find()).isTrue();
        assertThat(Double.parseDouble(dashed.group(1))).isEqualTo(pixels(polyline.group(1))[1]);
    }

    private static double[] pixels(String points) {
        String[] pairs = points.split(" ");
        double[] result = new double[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            result[2 * i] = Double.parseDouble(xy[0]);
            result[2 * i + 1] = Double.parseDouble(xy[1]);
        }
        return result;
    }
}
