package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/natsjms-server}, as an operator runs it: it starts the packaged server from the
 * class-data-sharing archive the build wrote next to the jar (the JVM would silently ignore an
 * archive that does not match), and SIGTERM stops it with status 0.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "natsjms-server");
    private static final Path ARCHIVE = Path.of("target", "natsjms-server.jsa");

    @TempDir
    Path dir;

    @Test
    void theLauncherStartsTheServerFromTheBuildsArchiveAndSigtermStopsItWithZero() throws Exception {
        assertThat(LAUNCHER).isExecutable();
        assertThat(ARCHIVE).as("written by mvn package").isRegularFile();
        Path classes = dir.resolve("classes.log");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "-a", "127.0.0.1", "-p", "0");
        builder.environment().put("JAVA_OPTS", "-Xlog:class+load:file=" + classes);
        builder.environment().remove("NATSJMS_CDS");
        builder.environment().remove("NATSJMS_SERVER_JAR");
        try (ChildProcess server = new ChildProcess(builder)) {
            await(ServerJar.READY).atMost(Duration.ofSeconds(60))
                    .until(() -> server.output().contains(ServerJar.READY) || !server.isAlive());
            assertThat(server.isAlive()).as("the server runs; its output:%n%s", server.output()).isTrue();
            server.signal("TERM");
            assertThat(server.waitFor(30)).as("exit status after SIGTERM").isZero();
        }
        List<String> loaded = loadLines(classes, "io.natsjms.server.broker.NatsBroker ");
        assertThat(loaded).as("where the broker's class came from").singleElement().asString()
                .contains("source: shared objects file");
    }

    private static List<String> loadLines(Path log, String className) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(className)).toList();
    }
}
