package io.natsjms.server.monitor;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The body of {@code /metrics}: every metric in the Prometheus text format (version 0.0.4). */
final class Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    Metrics(MonitoredServer server, StoreLatency latency, String version) {
        registry.register(new SnapshotMetrics(server, version));
        registry.register(latency.commits);
        registry.register(latency.fsyncs);
    }

    Reply scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(200, writer.getContentType(), out.toByteArray(), false);
    }
}
