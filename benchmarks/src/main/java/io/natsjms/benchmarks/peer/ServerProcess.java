package io.natsjms.benchmarks.peer;

import io.natsjms.benchmarks.ScratchDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One streaming server as a child process for one run: a free loopback port, a fresh scratch
 * directory, started from a {@link CommandTemplate} and ready once it prints
 * {@code Streaming Server is ready} (both servers print that line). Its CPU time is read from
 * {@code /proc}, summed over the process and its descendants. Closing it sends SIGTERM (SIGKILL after
 * 30 s) and deletes the directory.
 */
final class ServerProcess implements AutoCloseable {

    static final String READY = "Streaming Server is ready";

    private static final long START_TIMEOUT_SECONDS = 60;
    private static final int KEPT_LINES = 30;

    private final Process process;
    private final ScratchDirectory scratch;
    private final ProcessCpu cpu;
    private final int port;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private ServerProcess(Process process, ScratchDirectory scratch, ProcessCpu cpu, int port) {
        this.process = process;
        this.scratch = scratch;
        this.cpu = cpu;
        this.port = port;
    }

    /**
     * Starts {@code command} and waits until it is ready.
     *
     * @param label names the scratch directory and the server in errors
     * @throws IOException if it cannot be started, exits, or is not ready within 60 s (with its last output)
     */
    static ServerProcess start(CommandTemplate command, String cluster, Path parent, String label, ProcessCpu cpu)
            throws IOException, InterruptedException {
        ScratchDirectory scratch = ScratchDirectory.create(parent, label);
        ServerProcess server = null;
        try {
            int port = freePort();
            List<String> words = command.fill(port, scratch.path().resolve("data"), cluster);
            Process process = new ProcessBuilder(words).directory(scratch.path().toFile()).redirectErrorStream(true)
                    .start();
            server = new ServerProcess(process, scratch, cpu, port);
            server.awaitReady(String.join(" ", words));
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (server != null) {
                server.close();
            } else {
                scratch.close();
            }
            throw e;
        }
    }

    private void awaitReady(String commandLine) throws IOException, InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "server-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("\"" + commandLine + "\" did not print \"" + READY + "\" within "
                    + START_TIMEOUT_SECONDS + " s (alive: " + process.isAlive() + "); its last lines:\n"
                    + lastLines(), e);
        }
    }

    /** Watches for the ready line and keeps the last lines for errors; the rest of the output is dropped. */
    private void readOutput(CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IOException("the server's output ended"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private String lastLines() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /**
     * CPU time of the server process and its descendants so far.
     *
     * @throws IllegalStateException if the server has exited (a run against a dead server measures nothing)
     */
    CpuTime cpu() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with status " + process.exitValue()
                    + "; its last lines:\n" + lastLines());
        }
        long total = 0;
        long compiler = 0;
        for (ProcessHandle handle : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
            // the compiler threads first: read after the total, they could exceed it
            compiler += cpu.compilerNanos(handle.pid());
            total += cpu.nanos(handle.pid());
        }
        return new CpuTime(total, Math.min(compiler, total));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        } finally {
            scratch.close();
        }
    }
}
