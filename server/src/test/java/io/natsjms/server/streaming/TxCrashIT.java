package io.natsjms.server.streaming;

import static io.natsjms.server.streaming.TxWire.XAER_NOTA;
import static io.natsjms.server.streaming.TxWire.XA_OK;
import static io.natsjms.server.streaming.TxWire.ack;
import static io.natsjms.server.streaming.TxWire.xid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Nats;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.ext.TxRequest.Op;
import io.natsjms.protocol.pb.MsgProto;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prepared transaction branch survives a SIGKILL of the packaged server (MapDB store): after the
 * restart RECOVER lists it, the message its ack holds is still not redelivered, and COMMIT applies it
 * exactly once (or ROLLBACK redelivers the held message and drops the send).
 */
class TxCrashIT {

    private static final String CLUSTER = "txcrash";
    private static final String READY = "Streaming Server is ready";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private int port;
    private Process server;
    private Path log;
    private int starts;
    private RawStan raw;

    @BeforeEach
    void startServer() throws Exception {
        // the packaged server runs on MapDB over its embedded broker whatever the suite runs on: once is enough
        Assumptions.assumeTrue(System.getProperty(StanServerExtension.STORE_PROPERTY) == null && !TestNats.external(),
                "runs in the suite's default execution only");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start();
        raw = new RawStan(Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build()), Subjects.forCluster(CLUSTER));
    }

    @AfterEach
    void stopServer() throws Exception {
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void start() throws IOException {
        log = dir.resolve("server-" + (++starts) + ".log");
        Path jar = Path.of(System.getProperty("natsjms.server.jar", "target/natsjms-server.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "-st", "MAPDB",
                "--dir", dir.resolve("data").toString(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-cid", CLUSTER).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await(READY).atMost(START).until(() -> output().contains(READY) || !server.isAlive());
        assertThat(server.isAlive()).as("the server runs; its output:%n%s", output()).isTrue();
    }

    private String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL, then a start on the same directory and port. */
    private void killAndRestart() throws Exception {
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        start();
    }

    private static long count(RawStan.Sub sub, long sequence) {
        return sub.received().stream().filter(m -> m.getSequence() == sequence).count();
    }

    @Test
    void aBranchPreparedBeforeASigkillIsRecoveredStillHoldsItsMessageAndCommitsOnce() throws Exception {
        raw.connect("app");
        TxWire tx = new TxWire(raw, "app");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("app", "orders").setDurableName("d").setAckWaitInSecs(1));
        raw.publishOk("app", "orders", 2);
        await().atMost(WAIT).until(() -> sub.received().size() >= 2);
        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(raw.pubMsg("app", "orders", "in tx")), List.of(ack(sub, 1)))
                .getXaCode()).isEqualTo(XA_OK);

        killAndRestart();

        assertThat(output()).contains("recovered 1 prepared transaction branch");
        assertThat(tx.recover()).containsExactly(xid("t1"));
        // message 2 is neither acked nor held: its ack wait keeps running out; message 1 stays held
        long twice = count(sub, 2) + 2;
        await().atMost(WAIT).until(() -> count(sub, 2) >= twice);
        assertThat(count(sub, 1)).as("the held message is not redelivered").isEqualTo(1);

        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).isEqualTo(XA_OK);

        await().atMost(WAIT).until(() -> count(sub, 3) >= 1);
        MsgProto committed = sub.received().stream().filter(m -> m.getSequence() == 3).findFirst().orElseThrow();
        assertThat(committed.getData().toStringUtf8()).isEqualTo("in tx");
        assertThat(tx.recover()).isEmpty();
        assertThat(tx.op(Op.COMMIT, xid("t1")).getXaCode()).as("a repeated commit").isEqualTo(XAER_NOTA);
        raw.ack(sub, 2);
        raw.ack(sub, 3);

        killAndRestart();

        assertThat(tx.recover()).isEmpty();
        raw.publishOk("app", "orders", 1);
        await().atMost(WAIT).until(() -> count(sub, 4) >= 1);
        assertThat(count(sub, 1)).as("the commit's ack survived the restart").isEqualTo(1);
        assertThat(sub.received().stream().filter(m -> m.getData().toStringUtf8().equals("in tx"))
                .map(MsgProto::getSequence).distinct()).as("the send appended once").containsExactly(3L);
    }

    @Test
    void aBranchPreparedBeforeASigkillRollsBackAfterTheRestart() throws Exception {
        raw.connect("app");
        TxWire tx = new TxWire(raw, "app");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("app", "orders").setDurableName("d").setAckWaitInSecs(600));
        raw.publishOk("app", "orders", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(tx.with(Op.PREPARE, xid("t1"), List.of(raw.pubMsg("app", "orders", "never")), List.of(ack(sub, 1)))
                .getXaCode()).isEqualTo(XA_OK);

        killAndRestart();

        assertThat(tx.recover()).containsExactly(xid("t1"));
        assertThat(tx.op(Op.ROLLBACK, xid("t1")).getXaCode()).isEqualTo(XA_OK);

        await().atMost(WAIT).until(() -> count(sub, 1) == 2);
        MsgProto again = sub.received().get(sub.received().size() - 1);
        assertThat(again.getSequence()).isEqualTo(1);
        assertThat(again.getRedelivered()).isTrue();
        assertThat(tx.recover()).isEmpty();
        raw.publishOk("app", "orders", 1);
        await().atMost(WAIT).until(() -> sub.received().stream().anyMatch(m -> m.getData().toStringUtf8().equals("m0")
                && m.getSequence() == 2));
        assertThat(sub.received()).noneMatch(m -> m.getData().toStringUtf8().equals("never"));
    }
}
