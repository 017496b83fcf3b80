package io.natsjms.benchmarks.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Three {@code nats-server -js} processes on 127.0.0.1 routed into one cluster, each storing under a
 * scratch directory; started and awaited until JetStream answers, stopped by {@link #close()}.
 */
final class LoopbackCluster implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private LoopbackCluster() {
    }

    static LoopbackCluster start(Path dir, int size) throws IOException, InterruptedException {
        LoopbackCluster cluster = new LoopbackCluster();
        List<Integer> routePorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            cluster.ports.add(freePort());
            routePorts.add(freePort());
        }
        String routes = routePorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
        try {
            for (int i = 0; i < size; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve("n" + (i + 1)));
                cluster.processes.add(new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p",
                        String.valueOf(cluster.ports.get(i)), "-js", "-sd", nodeDir.resolve("js").toString(),
                        "--name", "n" + (i + 1), "--cluster_name", "bench", "--cluster",
                        "nats://127.0.0.1:" + routePorts.get(i), "--routes", routes)
                        .redirectErrorStream(true).redirectOutput(nodeDir.resolve("nats.log").toFile()).start());
            }
            cluster.awaitJetStream();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String urls() {
        return ports.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    private void awaitJetStream() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection connection = Nats.connect(new Options.Builder().servers(urls().split(","))
                    .connectionTimeout(Duration.ofSeconds(1)).build())) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (Exception e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("JetStream did not come up within 30 s: " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
