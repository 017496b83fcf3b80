package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process plumbing, with small shell scripts in place of a server: start, ready line, CPU, stop, clean-up. */
class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void startsWithTheFilledInArgumentsAndCleansUpOnClose() throws Exception {
        Path parent = Files.createDirectories(dir.resolve("runs"));
        Path script = script("started.sh", """
                echo "args: $*" > "$PWD/args"
                echo "[INF] STREAM: Streaming Server is ready"
                exec sleep 600
                """);
        ServerProcess server = ServerProcess.start(CommandTemplate.parse(script + " -p {port} --dir {dir} -cid {cluster}"),
                "c1", parent, "test", ProcessCpu.ofThisMachine());
        Path scratch;
        try {
            try (Stream<Path> runs = Files.list(parent)) {
                scratch = runs.findFirst().orElseThrow();
            }
            String port = server.url().substring("nats://127.0.0.1:".length());

            assertThat(Files.readString(scratch.resolve("args")).trim())
                    .isEqualTo("args: -p " + port + " --dir " + scratch.resolve("data") + " -cid c1");
            assertThat(server.cpu().total()).isNotNegative();
        } finally {
            server.close();
        }

        assertThat(scratch).doesNotExist();
    }

    @Test
    void aServerThatExitsBeforeItIsReadyIsReportedWithItsLastLines() throws Exception {
        Path parent = Files.createDirectories(dir.resolve("runs"));
        Path script = script("fails.sh", """
                echo "port $1 is taken" >&2
                exit 3
                """);

        assertThatThrownBy(() -> ServerProcess.start(CommandTemplate.parse(script + " {port}"), "c1", parent, "test",
                ProcessCpu.ofThisMachine()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not print \"Streaming Server is ready\"")
                .hasMessageContaining("is taken");
        try (Stream<Path> runs = Files.list(parent)) {
            assertThat(runs).as("scratch directories left").isEmpty();
        }
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
