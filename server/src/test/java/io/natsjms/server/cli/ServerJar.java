package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged {@code natsjms-server.jar} (built by {@code mvn package}), run as a child JVM. */
final class ServerJar {

    static final String READY = "Streaming Server is ready";

    private ServerJar() {
    }

    /** {@code java -jar natsjms-server.jar args...}. */
    static List<String> command(String... args) {
        Path jar = Path.of(System.getProperty("natsjms.server.jar", "target/natsjms-server.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the jar and waits until it printed that it is ready. */
    static ChildProcess startReady(String... args) throws IOException {
        ChildProcess child = new ChildProcess(command(args));
        await(READY).atMost(Duration.ofSeconds(60)).until(() -> child.output().contains(READY) || !child.isAlive());
        assertThat(child.isAlive()).as("the server runs; its output:%n%s", child.output()).isTrue();
        return child;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
