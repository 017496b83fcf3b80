package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.FatalErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fatal error on the engine thread ends the process with a clear line and a non-zero status. */
class FatalErrorExitIT {

    @Test
    void anErrorOnTheEngineThreadEndsTheProcess() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FatalErrorChild.class.getName())
                .redirectErrorStream(true).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the process ended by itself").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as("exit status; output:%n%s", output).isEqualTo(FatalErrors.EXIT_STATUS)
                    .isNotZero();
            assertThat(output)
                    .contains("fatal error in thread natsjms-engine-child")
                    .contains("java.lang.OutOfMemoryError: Java heap space (simulated)")
                    .contains("exiting with status " + FatalErrors.EXIT_STATUS);
        } finally {
            child.destroyForcibly();
        }
    }
}
