/**
 * The HTTP monitoring endpoints of the streaming server ({@code /streaming/...}), answered with the
 * JSON of the original NATS Streaming server from {@link io.natsjms.server.streaming.ServerSnapshot}s.
 * {@link io.natsjms.server.monitor.MonitorServer} is the only public type.
 */
package io.natsjms.server.monitor;
