package io.natsjms.server.streaming;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real {@code nats-server} started as a child process on a free loopback port. */
final class NatsServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private NatsServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "nats-server"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin/nats-server"));
    }

    static NatsServerProcess start(String... extraArgs) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        NatsServerProcess server = new NatsServerProcess(process, port);
        await().atMost(Duration.ofSeconds(10)).until(server::accepting);
        return server;
    }

    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server exited with " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
