package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The strict reader the metrics tests rely on refuses what Prometheus would. */
class PrometheusTextTest {

    @Test
    void readsFamiliesWithTypesHelpLabelsAndHistograms() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse("""
                # HELP a_total Things, with a \\\\ and a\\nnewline
                # TYPE a_total counter
                a_total{x="q\\"uo\\\\te"} 3
                # TYPE h histogram
                h_bucket{le="0.1"} 1
                h_bucket{le="+Inf"} 2
                h_count 2
                h_sum 0.3
                g 1.5e3 1700000000000
                """);
        assertThat(families.get("a_total").help()).isEqualTo("Things, with a \\ and a\nnewline");
        assertThat(families.get("a_total").value("a_total", Map.of("x", "q\"uo\\te"))).hasValue(3.0);
        assertThat(families.get("h").samples()).hasSize(4);
        assertThat(families.get("g").type()).isEqualTo("untyped");
        assertThat(families.get("g").value("g", Map.of())).hasValue(1500.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "# TYPE c counter\\nc 1\\n|is not named _total",
        "# TYPE a_total counter\\na_total -1\\n|counter a_total: sample",
        "9bad 1\\n|metric name",
        "a{b=\"1\" 2\\n|expected , or }",
        "a{b=\"\\x\"} 2\\n|escape",
        "a 1\\na 2\\n|duplicate series",
        "a 1\\nb 1\\na{x=\"1\"} 1\\n|is split",
        "a one\\n|value",
        "a 1\\n# TYPE a gauge\\n|TYPE after the samples",
        "# TYPE a gauge\\n# TYPE a counter\\n|a second TYPE",
        "# TYPE a meter\\n|type meter",
        "a 1|does not end with a newline",
        "# TYPE h histogram\\nh_bucket{le=\"1\"} 2\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\nh_sum 1\\n|not cumulative",
        "# TYPE h histogram\\nh_bucket{le=\"1\"} 1\\nh_count 1\\nh_sum 1\\n|no +Inf bucket",
        "# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 2\\nh_count 1\\nh_sum 1\\n|_count 1.0",
    })
    void refusesWhatBreaksTheFormat(String text, String message) {
        String exposition = text.replace("\\n", "\n");
        assertThatThrownBy(() -> PrometheusText.parse(exposition)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
