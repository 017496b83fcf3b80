package io.natsjms.server.streaming;

import static io.natsjms.server.streaming.TxWire.XAER_RMFAIL;
import static io.natsjms.server.streaming.TxWire.XA_OK;
import static io.natsjms.server.streaming.TxWire.ack;
import static io.natsjms.server.streaming.TxWire.xid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.natsjms.protocol.ext.TxRequest.Op;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.server.FullDisk;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions on a full disk (a real ENOSPC: the MapDB data directory on a small tmpfs; skipped where
 * one cannot be mounted): PREPARE and COMMIT answer XAER_RMFAIL with the store's public error, and every
 * branch stays as it was (a refused prepare leaves nothing prepared, a refused commit leaves its branch
 * prepared with nothing applied); once there is space again the branches commit, exactly once.
 */
class TxDiskFullIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null && FullDisk.run("umount", mounted.toString()) != 0) {
            FullDisk.run("umount", "-l", mounted.toString());
        }
    }

    private static long lastSequence(StanTestServer stan) {
        return stan.channel("orders").map(ServerSnapshot.ChannelView::lastSeq).orElse(0L);
    }

    @Test
    void aFullDiskRefusesPrepareAndCommitWithRmfailAndEveryBranchStaysAsItWas() throws Exception {
        // the store is set here whatever the suite runs on: once is enough
        assumeTrue(System.getProperty(StanServerExtension.STORE_PROPERTY) == null && !TestNats.external(),
                "runs in the suite's default execution only");
        Path mnt = tmp.resolve("mnt");
        Files.createDirectories(mnt);
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && FullDisk.run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt.toString()) == 0,
                "cannot mount a tmpfs here (needs root on Linux)");
        mounted = mnt;
        ServerConfig config = ServerConfig.builder().clusterId("full").storeType(StoreType.MAPDB)
                .dataDir(mnt.resolve("data")).build();
        try (StanTestServer stan = StanTestServer.start(config)) {
            RawStan raw = stan.raw();
            raw.connect("p");
            TxWire tx = new TxWire(raw, "p");
            RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setDurableName("d").setAckWaitInSecs(600));
            raw.publishOk("p", "orders", 1);
            await().atMost(WAIT).until(() -> sub.received().size() == 1);
            assertThat(tx.with(Op.PREPARE, xid("kept"), List.of(raw.pubMsg("p", "orders", "kept")),
                    List.of(ack(sub, 1))).getXaCode()).isEqualTo(XA_OK);
            List<Xid> prepared = new ArrayList<>(List.of(xid("kept")));

            FullDisk.fill(mnt);
            TxResponse refused = null;
            for (int i = 0; i < 2000 && refused == null; i++) {
                TxResponse response = tx.with(Op.PREPARE, xid("full-" + i),
                        List.of(raw.pubMsg("p", "orders", "full-" + i + "-" + "x".repeat(2000))), List.of());
                if (response.getXaCode() == XA_OK) {
                    prepared.add(xid("full-" + i));
                } else {
                    refused = response;
                }
            }

            assertThat(refused).as("a prepare failed on the full disk").isNotNull();
            assertThat(refused.getXaCode()).as(refused.getError()).isEqualTo(XAER_RMFAIL);
            assertThat(refused.getError()).startsWith("store I/O error").doesNotContain(mnt.toString());
            assertThat(tx.recover()).as("the refused branch is not prepared").isEqualTo(prepared);
            TxResponse commit = tx.op(Op.COMMIT, xid("kept"));
            assertThat(commit.getXaCode()).as(commit.getError()).isEqualTo(XAER_RMFAIL);
            assertThat(tx.recover()).as("the branch whose commit failed is still prepared").isEqualTo(prepared);
            assertThat(lastSequence(stan)).as("nothing appended").isEqualTo(1);

            Files.delete(mnt.resolve("filler"));
            for (Xid xid : prepared) {
                TxResponse response = tx.op(Op.COMMIT, xid);
                assertThat(response.getXaCode()).as(response.getError()).isEqualTo(XA_OK);
            }
            assertThat(lastSequence(stan)).isEqualTo(1 + prepared.size());
            assertThat(tx.recover()).isEmpty();

            // offline across the restart, the durable gets every pending message again when it resumes
            assertThat(raw.closeSubscription("p", "orders", sub.inbox()).getError()).isEmpty();
            stan.restartStreamingServer();
            RawStan again = stan.raw();
            assertThat(new TxWire(again, "p").recover()).isEmpty();
            assertThat(lastSequence(stan)).isEqualTo(1 + prepared.size());
            RawStan.Sub resumed = again.subscribeOk(again.subRequest("p", "orders").setDurableName("d")
                    .setAckWaitInSecs(600));
            await().atMost(WAIT).until(() -> resumed.received().size() >= prepared.size());
            assertThat(resumed.sequences()).as("the message acked by the commit does not come again")
                    .doesNotContain(1L).doesNotHaveDuplicates().hasSize(prepared.size());
        }
    }
}
