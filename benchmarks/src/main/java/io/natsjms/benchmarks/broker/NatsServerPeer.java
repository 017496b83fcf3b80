package io.natsjms.benchmarks.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A {@code nats-server} child process on a free loopback port, the peer the embedded broker is measured against. */
final class NatsServerPeer implements AutoCloseable {

    private final Process process;
    private final int port;

    private NatsServerPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NatsServerPeer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("nats-server did not start listening on port " + port);
            }
            Thread.onSpinWait();
        }
        return new NatsServerPeer(process, port);
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "nats-server"))) {
                return Path.of(dir, "nats-server").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nats-server"))) {
            return "/usr/sbin/nats-server";
        }
        throw new IllegalStateException("nats-server is not on the PATH (apt-get install nats-server)");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
