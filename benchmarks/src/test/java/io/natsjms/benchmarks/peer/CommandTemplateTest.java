package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void fillsEveryPlaceholderInEveryWord() {
        CommandTemplate template = CommandTemplate.parse("  /opt/srv  -p {port} --dir={dir}/x -cid {cluster}\t-st FILE ");

        assertThat(template.fill(4222, Path.of("/tmp/run"), "c1"))
                .containsExactly("/opt/srv", "-p", "4222", "--dir=/tmp/run/x", "-cid", "c1", "-st", "FILE");
        assertThat(template).hasToString("/opt/srv -p {port} --dir={dir}/x -cid {cluster} -st FILE");
    }

    @Test
    void refusesAnUnknownPlaceholder() {
        assertThatThrownBy(() -> CommandTemplate.parse("srv -p {port} --dir {data}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command: unknown placeholder {data} in \"srv -p {port} --dir {data}\" "
                        + "(expected: {port}, {dir}, {cluster})");
    }

    @Test
    void refusesACommandWithoutPortOrProgram() {
        assertThatThrownBy(() -> CommandTemplate.parse("srv -p 4222"))
                .hasMessageContaining("has no {port}");
        assertThatThrownBy(() -> CommandTemplate.parse("   "))
                .hasMessageContaining("command: empty");
    }
}
