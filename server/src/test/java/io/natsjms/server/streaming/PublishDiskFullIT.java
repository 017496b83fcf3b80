package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.natsjms.server.FullDisk;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing into a full disk (a real ENOSPC: the data directory on a small tmpfs; skipped where
 * one cannot be mounted). The publisher gets an error PubAck that names no file; no sequence is
 * used; reads go on; publishing resumes by itself once there is space; a restart brings back every
 * acknowledged message with its sequence.
 */
class PublishDiskFullIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null && FullDisk.run("umount", mounted.toString()) != 0) {
            FullDisk.run("umount", "-l", mounted.toString());
        }
    }

    @Test
    void aFullDiskGivesAnErrorPubAckWithoutPathsAndPublishingResumesWhenSpaceIsBack() throws Exception {
        Path mnt = tmp.resolve("mnt");
        Files.createDirectories(mnt);
        assumeTrue(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && FullDisk.run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt.toString()) == 0,
                "cannot mount a tmpfs here (needs root on Linux)");
        mounted = mnt;
        Path data = mnt.resolve("data");
        ServerConfig config = ServerConfig.builder().clusterId("full").storeType(StoreType.MAPDB).dataDir(data).build();
        try (StanTestServer stan = StanTestServer.start(config)) {
            RawStan raw = stan.raw();
            raw.connect("pub");
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acked.add(publishOk(raw, "before-" + i));
            }
            FullDisk.fill(mnt);
            String error = "";
            for (int i = 0; i < 2000 && error.isEmpty(); i++) {
                String text = "full-" + i + "-" + "x".repeat(2000);
                error = raw.publish(raw.pubMsg("pub", "full", text)).getError();
                if (error.isEmpty()) {
                    acked.add(text);
                }
            }
            assertThat(error).as("a publish failed on the full disk").startsWith("store I/O error")
                    .doesNotContain(mnt.toString()).doesNotContain(tmp.toString());
            assertThat(stan.channel("full").orElseThrow().lastSeq()).as("no sequence used").isEqualTo(acked.size());

            Files.delete(mnt.resolve("filler"));
            acked.add(publishOk(raw, "after"));
            checkAll(raw, acked);

            stan.restartStreamingServer();
            checkAll(stan.raw(), acked);
        }
    }

    private static String publishOk(RawStan raw, String text) {
        PubAck ack = raw.publish(raw.pubMsg("pub", "full", text));
        assertThat(ack.getError()).as("PubAck of %s", text.substring(0, Math.min(20, text.length()))).isEmpty();
        return text;
    }

    private static void checkAll(RawStan raw, List<String> acked) {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("pub", "full").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() >= acked.size());
        assertThat(sub.sequences()).hasSize(acked.size());
        for (int i = 0; i < acked.size(); i++) {
            MsgProto msg = sub.received().get(i);
            assertThat(msg.getSequence()).isEqualTo(i + 1);
            assertThat(msg.getData().toStringUtf8()).isEqualTo(acked.get(i));
        }
    }

}
