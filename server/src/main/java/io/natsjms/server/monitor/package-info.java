/**
 * The HTTP monitoring endpoints of the streaming server ({@code /streaming/...}), answered with the
 * JSON of the original NATS Streaming server from {@link io.natsjms.server.streaming.ServerSnapshot}s,
 * plus {@code /healthz}, the Prometheus {@code /metrics} and a dashboard page. Public:
 * {@link io.natsjms.server.monitor.MonitorServer}, what it watches
 * ({@link io.natsjms.server.monitor.MonitoredServer}) and the store's latency histograms
 * ({@link io.natsjms.server.monitor.StoreLatency}).
 */
package io.natsjms.server.monitor;
