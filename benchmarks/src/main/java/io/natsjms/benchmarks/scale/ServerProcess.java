package io.natsjms.benchmarks.scale;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own ({@code io.natsjms.server.cli.Main} on this JVM's class path, MapDB
 * store, no store limits), started on a data directory filled beforehand. {@link #start} returns once
 * a STAN connect of the official client succeeds; {@link #usedHeapBytes} forces a full GC in it and
 * reads the heap in use with {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration GIVE_UP = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 30;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final long startMillis;

    private ServerProcess(Process process, long startMillis) {
        this.process = process;
        this.startMillis = startMillis;
    }

    /**
     * Starts the server on {@code dataDir} and waits until it accepts a STAN connect.
     *
     * @param jvmOptions options for the server's JVM, for example {@code -Xmx4g}
     */
    static ServerProcess start(Path dataDir, String clusterId, List<String> jvmOptions) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.natsjms.server.cli.Main",
                "-a", "127.0.0.1", "-p", String.valueOf(port), "-cid", clusterId, "-st", "MAPDB",
                "--dir", dataDir.toString(), "-mc", "0", "-msu", "0", "-mm", "0", "-mb", "0"));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            while (!stanConnects(port, clusterId)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with status " + process.exitValue()
                            + "; the end of its output:\n" + tail(log));
                }
                if (System.nanoTime() - spawned > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("the server did not accept a STAN connect within " + GIVE_UP
                            + "; the end of its output:\n" + tail(log));
                }
                Thread.sleep(5);
            }
            return new ServerProcess(process, Math.round((System.nanoTime() - spawned) / 1e6));
        } catch (Exception | Error e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    /** The last lines of the server's output (the file goes with the scratch directory). */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Milliseconds from spawning the JVM until the first successful STAN connect. */
    long startMillis() {
        return startMillis;
    }

    /** Heap in use after a full GC, in bytes ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    long usedHeapBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no \"used <n>K\" in the output of jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static boolean stanConnects(int port, String clusterId) throws InterruptedException {
        Connection nats;
        try {
            nats = Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
                    .connectionTimeout(Duration.ofSeconds(30)).noReconnect()
                    .errorListener(new ErrorListener() { }).build());
        } catch (IOException e) {
            return false;
        }
        try {
            StreamingConnection stan = NatsStreaming.connect(clusterId, "scale-probe", new Options.Builder()
                    .natsConn(nats).connectWait(Duration.ofSeconds(2)).build());
            stan.close();
            return true;
        } catch (IOException | TimeoutException e) {
            return false;
        } finally {
            nats.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, then waits up to a minute before killing it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
