package io.natsjms.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleReportTest {

    @Test
    void costPerUnitIsComparedWithTheSmallestScaleOfItsSeries() {
        ScaleResults results = new ScaleResults();
        results.fanout("memory", 10, 50_000);
        results.fanout("memory", 1, 100_000);
        results.fanout("memory", 100, 10_000);
        List<ScaleRow> rows = results.rows();
        assertThat(rows).extracting(ScaleRow::scale).containsExactly(1L, 10L, 100L);
        assertThat(rows).extracting(ScaleRow::perUnit).containsExactly(10.0, 20.0, 100.0);
        String table = ScaleReport.markdown(rows);
        assertThat(table).contains("| delivery throughput | memory | 10 subscribers | 50,000 [50,000–50,000] "
                + "deliveries/s (n=1) | 20.00 µs per delivery | 2.00x |");
        assertThat(table).contains("| 100 subscribers |").contains("| 10.00x |");
    }

    @Test
    void footprintIsChargedPerItemAboveTheEmptyServer() {
        ScaleResults results = new ScaleResults();
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.EMPTY, 0, 0, 0, 0, List.of(1000.0, 1200.0),
                List.of(10e6, 12e6)));
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.SUBSCRIPTIONS, 100, 1000, 1, 1,
                List.of(1600.0, 1600.0), List.of(13e6, 13e6)));
        List<ScaleRow> rows = results.rows();
        ScaleRow heap = rows.stream().filter(r -> r.figure().equals(ScaleResults.HEAP) && r.scale() == 1000)
                .findFirst().orElseThrow();
        assertThat(heap.perUnit()).isEqualTo((13e6 - 11e6) / 1000);
        ScaleRow start = rows.stream().filter(r -> r.figure().equals(ScaleResults.START) && r.scale() == 1000)
                .findFirst().orElseThrow();
        assertThat(start.perUnit()).as("µs per subscription").isEqualTo((1600.0 - 1100.0) * 1000 / 1000);
        assertThat(rows.stream().filter(r -> r.series().equals("empty store"))).allMatch(r -> Double.isNaN(r.perUnit()));
    }

    @Test
    void aFootprintBelowTheEmptyServersIsNoneMeasurableAndNotABase() {
        ScaleResults results = new ScaleResults();
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.EMPTY, 0, 0, 0, 0, List.of(2000.0),
                List.of(10e6)));
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.MESSAGES, 1000, 1000, 1, 1, List.of(1500.0),
                List.of(9e6)));
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.MESSAGES, 10_000, 10_000, 1, 1,
                List.of(3000.0), List.of(11e6)));
        results.footprint(new FootprintRun.Result(FootprintRun.Kind.MESSAGES, 100_000, 100_000, 1, 1,
                List.of(22_000.0), List.of(12e6)));
        String table = ScaleReport.markdown(results.rows());
        assertThat(table).contains("| start-up until STAN connect | stored messages | 1,000 messages | 1,500.0 "
                + "[1,500.0–1,500.0] ms (n=1) | none measurable (-500) |  |");
        assertThat(table).contains("| 10,000 messages | 3,000.0 [3,000.0–3,000.0] ms (n=1) | 100 µs per message above "
                + "empty | 1.00x |");
        assertThat(table).contains("| 100,000 messages | 22,000.0 [22,000.0–22,000.0] ms (n=1) | 200 µs per "
                + "message above empty | 2.00x |");
    }

    @Test
    void theCsvHasOneLinePerRepetition() {
        ScaleResults results = new ScaleResults();
        results.publish("mapdb", 100, new ChannelsRun.Result(20_000, 5.5, 300));
        results.publish("mapdb", 100, new ChannelsRun.Result(25_000, 6.5, 500));
        String csv = ScaleReport.csv(results.rows());
        assertThat(csv.lines()).containsExactly(
                "figure,series,scale_name,scale,unit,repetition,value,per_unit,per_unit_name",
                "publish throughput,mapdb,channels,100,msgs/s,1,20000.000,44.444444,µs per publish",
                "publish throughput,mapdb,channels,100,msgs/s,2,25000.000,44.444444,µs per publish",
                "publish -> PubAck p99,mapdb,channels,100,ms,1,5.500,6.000000,ms",
                "publish -> PubAck p99,mapdb,channels,100,ms,2,6.500,6.000000,ms",
                "channel creation (first publish),mapdb,channels,100,µs per channel,1,300.000,400.000000,µs per channel",
                "channel creation (first publish),mapdb,channels,100,µs per channel,2,500.000,400.000000,µs per channel");
    }

    @Test
    void thePlotHasAPanelPerFigureMeasured() {
        ScaleResults results = new ScaleResults();
        results.fanout("mapdb", 1, 10_000);
        results.fanout("mapdb", 10, 5_000);
        String svg = ScaleReport.svg(results.rows(), "t");
        assertThat(svg).contains("µs per delivery vs subscribers").doesNotContain("µs per publish vs channels");
    }
}
