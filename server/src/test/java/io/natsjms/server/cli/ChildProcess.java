package io.natsjms.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process whose output (stdout and stderr together) is collected as it comes. */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    ChildProcess(List<String> command) throws IOException {
        this(new ProcessBuilder(command));
    }

    /** Starts {@code builder}'s command (its standard error goes to the collected output too). */
    ChildProcess(ProcessBuilder builder) throws IOException {
        process = builder.redirectErrorStream(true).start();
        Thread reader = new Thread(this::collect, "output-of-" + builder.command().get(0));
        reader.setDaemon(true);
        reader.start();
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("[reading the output failed: ").append(e).append("]\n");
        }
    }

    String output() {
        return output.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit and returns its status. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running after " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (as {@code kill} does); the output is not read any further. */
    void terminate() {
        process.destroy();
    }

    /**
     * Sends a signal by name ({@code TERM}, {@code INT}) with {@code kill}; unlike {@link #terminate()}
     * this leaves the output readable to the end.
     */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed with status "
                    + kill.exitValue());
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGKILL (as {@code kill -9} does) and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
