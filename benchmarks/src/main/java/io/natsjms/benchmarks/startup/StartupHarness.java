package io.natsjms.benchmarks.startup;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.ScratchDirectory;
import io.natsjms.benchmarks.Summary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Start-to-ready time of the packaged server: spawns {@code java -jar natsjms-server.jar} on a free
 * loopback port (empty store), and measures from the spawn until the NATS port accepts TCP, until
 * the server prints {@code Streaming Server is ready}, and until a STAN connect of the official
 * client succeeds; the first connect attempt is made the moment TCP is accepted (its NATS connection
 * waits up to 30 s for the broker's greeting), so the number of failed attempts shows connect
 * requests dropped while the server was still starting. Each start ends with
 * SIGTERM, whose exit status and duration are reported too. Prints a Markdown table.
 *
 * <p>Usage: see {@link StartupOptions#USAGE}.
 */
public final class StartupHarness {

    private static final String CLUSTER = "startup-bench";
    private static final String READY = "Streaming Server is ready";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private StartupHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArguments.allowPre22Gencode();
        Optional<StartupOptions> options = HarnessArguments.parseOrExit(args, StartupOptions.USAGE, StartupOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(StartupOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("StartupHarness: " + before);
        measure(options); // untimed: warms the page cache with the jar and the JDK's classes
        List<StartupRun> runs = new ArrayList<>();
        for (int rep = 1; rep <= options.reps(); rep++) {
            StartupRun run = measure(options);
            System.err.printf(Locale.ROOT, "start %d: %s%n", rep, run);
            runs.add(run);
        }
        MarkdownTable table = new MarkdownTable().left("from spawn until").right("ms, median [min–max] (n="
                + runs.size() + ")");
        table.row("the NATS port accepts TCP", summary(runs, StartupRun::tcpMillis));
        table.row("`" + READY + "` printed", summary(runs, StartupRun::readyLineMillis));
        table.row("a STAN connect succeeds", summary(runs, StartupRun::stanMillis));
        table.row("(SIGTERM until the process ended)", summary(runs, StartupRun::stopMillis));
        return String.format(Locale.ROOT, """
                StartupHarness: %s store, JVM options %s, %d starts after one untimed start
                before: %s

                %s
                failed STAN connect attempts before the first success: %s
                exit statuses after SIGTERM: %s
                after: load average %s
                """, options.store(), options.jvmOptions(), runs.size(), before, table.render(),
                runs.stream().map(r -> String.valueOf(r.failedConnects())).toList(),
                runs.stream().map(r -> String.valueOf(r.exitStatus())).distinct().toList(), MachineLoad.now());
    }

    private static String summary(List<StartupRun> runs, Function<StartupRun, Double> value) {
        return Summary.of(runs.stream().map(value).toList()).format("%,.0f");
    }

    private static StartupRun measure(StartupOptions options) throws Exception {
        int port = freePort();
        try (ScratchDirectory scratch = ScratchDirectory.create(options.directory(), "startup")) {
            List<String> command = command(options, port, scratch.path());
            long spawned = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                CompletableFuture<Long> readyLine = readyLine(process);
                long tcp = awaitTcp(port, spawned, process);
                int failed = 0;
                long stan;
                while (true) {
                    if (tryStanConnect(port, options)) {
                        stan = System.nanoTime();
                        break;
                    }
                    failed++;
                    requireAlive(process, spawned);
                }
                long ready = readyLine.get(60, TimeUnit.SECONDS);
                long stopping = System.nanoTime();
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
                }
                long stopped = System.nanoTime();
                return new StartupRun(millis(tcp - spawned), millis(ready - spawned), millis(stan - spawned), failed,
                        millis(stopped - stopping), process.exitValue());
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static List<String> command(StartupOptions options, int port, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", options.jar().toString(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-cid", CLUSTER));
        if (options.store().equals("mapdb")) {
            command.addAll(List.of("-st", "MAPDB", "--dir", dir.resolve("data").toString()));
        }
        return command;
    }

    /** Completes with the time the server printed its ready line; the rest of its output is discarded. */
    private static CompletableFuture<Long> readyLine(Process process) {
        CompletableFuture<Long> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains(READY)) {
                        ready.complete(System.nanoTime());
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the server's output ended before \""
                        + READY + "\""));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private static long awaitTcp(int port, long spawned, Process process) throws InterruptedException {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return System.nanoTime();
            } catch (IOException e) {
                requireAlive(process, spawned);
                Thread.sleep(1);
            }
        }
    }

    private static boolean tryStanConnect(int port, StartupOptions options) throws InterruptedException {
        Connection nats;
        try {
            // a long connect timeout: a client that waits for the broker's greeting is not a failed attempt
            nats = Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
                    .connectionTimeout(Duration.ofSeconds(30)).noReconnect().build());
        } catch (IOException e) {
            return false;
        }
        try {
            StreamingConnection stan = NatsStreaming.connect(CLUSTER, "probe", new Options.Builder().natsConn(nats)
                    .connectWait(options.attemptWait()).build());
            stan.close();
            return true;
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            nats.close();
        }
    }

    private static void requireAlive(Process process, long spawned) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with status " + process.exitValue());
        }
        if (System.nanoTime() - spawned > GIVE_UP_NANOS) {
            throw new IllegalStateException("the server was not ready within 60 s");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
