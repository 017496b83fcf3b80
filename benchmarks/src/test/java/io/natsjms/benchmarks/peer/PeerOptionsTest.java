package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunOursFromTheJarAndNoPeer() throws Exception {
        Path jar = Files.createFile(dir.resolve("server.jar"));

        PeerOptions options = PeerOptions.parse(new String[] {"--server-jar", jar.toString()});

        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.cases()).extracting(PeerCase::name).containsExactlyElementsOf(PeerCase.DEFAULT_NAMES);
        assertThat(options.messages()).isEqualTo(100_000);
        assertThat(options.backlog()).isEqualTo(100_000);
        assertThat(options.window()).isEqualTo(16_384);
        assertThat(options.warmup()).isEqualTo(100_000);
        assertThat(options.ours().toString())
                .endsWith("-jar " + jar.toAbsolutePath() + " -a 127.0.0.1 -p {port} -cid {cluster} -st FILE --dir {dir}"
                        + " --file_sync=true");
        assertThat(options.oursMemory().toString()).endsWith("-cid {cluster} -st MEMORY");
        PeerCase memory = PeerCase.parse("pub-memory");
        assertThat(options.command(Side.OURS, memory)).contains(options.oursMemory());
        assertThat(options.command(Side.PEER, memory)).isEmpty();
        assertThat(options.command(Side.PEER, PeerCase.parse("pub-file"))).isEmpty();
    }

    @Test
    void takesThePeerCommandsByStore() {
        PeerOptions options = PeerOptions.parse(new String[] {
            "--ours-command", "ours -p {port} --dir {dir}", "--ours-memory-command", "ours -p {port}",
            "--peer-command", "peer -p {port} -st FILE --dir {dir}", "--peer-memory-command", "peer -p {port}",
            "--cases", "drain-memory-8,sync-file", "--reps", "1", "--warmup", "0"});

        assertThat(options.command(Side.PEER, PeerCase.parse("drain-memory-8")).orElseThrow())
                .hasToString("peer -p {port}");
        assertThat(options.command(Side.PEER, PeerCase.parse("sync-file")).orElseThrow())
                .hasToString("peer -p {port} -st FILE --dir {dir}");
        assertThat(options.warmup()).isZero();
        assertThat(options.cases()).extracting(PeerCase::name).containsExactly("drain-memory-8", "sync-file");
    }

    @Test
    void namesAMissingJarAndBadValues() {
        Path missing = dir.resolve("nope.jar");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--server-jar", missing.toString()}))
                .hasMessageStartingWith("--server-jar: " + missing.toAbsolutePath() + " does not exist");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--ours-command", "o -p {port}",
            "--ours-memory-command", "o -p {port}", "--backlog", "0"}))
                .hasMessage("--backlog: 0 (expected: >= 1)");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--ours-command", "o -p {port}",
            "--ours-memory-command", "o -p {port}", "--peer-command", "p -p {prot}"}))
                .hasMessageContaining("unknown placeholder {prot}");
    }
}
