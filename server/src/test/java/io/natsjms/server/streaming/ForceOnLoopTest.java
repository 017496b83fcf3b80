package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a batch's commit is forced: by the loop itself when nothing else waits for it and the last force
 * was quick, else by the force thread, while the loop goes on. Either way a batch is acknowledged and
 * delivered only once its force returned, and refused when it failed (the real store stops taking commits
 * then, so nothing after it is tested here). The engine runs over a recording
 * transport and a memory store whose forces record their thread and may wait at a gate
 * ({@link GatedCommitStore}).
 */
class ForceOnLoopTest {

    private static final Duration WAIT = EngineFixture.WAIT;
    private static final String LOOP = "test-engine";
    private static final String FORCE_THREAD = "natsjms-commit-force";

    private final EngineFixture engine = new EngineFixture();
    private final RecordingTransport transport = engine.transport;
    private GatedCommitStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.open();
        }
        engine.close();
    }

    @Test
    void anIdleLoopForcesEachSynchronousPublishItself() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            engine.publish("g" + i, "m" + i);
        }
        assertThat(store.forcedOn()).hasSize(5).containsOnly(LOOP);
    }

    @Test
    void afterASlowForceTheForceThreadTakesOverUntilAForceIsQuickAgain() throws Exception {
        start();
        engine.commits().forceOnLoopUpTo(0); // every real force takes longer than that: each counts as slow
        engine.publish("g0", "m0");
        engine.publish("g1", "m1");
        engine.publish("g2", "m2");
        engine.commits().forceOnLoopUpTo(Long.MAX_VALUE);
        engine.publish("g3", "m3");

        assertThat(store.forcedOn()).containsExactly(LOOP, FORCE_THREAD, FORCE_THREAD, LOOP);
    }

    @Test
    void aBusyLoopHandsTheForceToTheForceThread() throws Exception {
        start();
        CountDownLatch hold = new CountDownLatch(1);
        engine.loop.execute(() -> awaitQuietly(hold));
        engine.send("g0", "m0");
        // runs after the publish, which queued its batch's start behind it: the batch then finds work waiting
        engine.loop.execute(() -> engine.loop.execute(() -> { }));
        hold.countDown();

        assertThat(engine.pubAck("g0").getError()).isEmpty();
        assertThat(store.forcedOn()).containsExactly(FORCE_THREAD);
    }

    @Test
    void aForceOnTheLoopHoldsTheBatchBackUntilItReturns() throws Exception {
        start();
        engine.subscribe("inbox.a", null, 10, 30, StartPosition.NewOnly);
        store.close(false);
        engine.send("g1", "m1");
        await().atMost(WAIT).until(() -> store.waiting() == 1);
        assertThat(transport.count("reply.pub.g1")).as("PubAck before the commit is durable").isZero();
        assertThat(transport.count("inbox.a")).as("delivery before the commit is durable").isZero();

        store.open();
        assertThat(engine.pubAck("g1").getError()).isEmpty();
        assertThat(MsgProto.parseFrom(transport.awaitOne("inbox.a")).getSequence()).isEqualTo(1);
        assertThat(store.forcedOn()).containsExactly(LOOP);
    }

    @Test
    void aForceThatFailsOnTheLoopRefusesItsBatchWhichIsNeverDelivered() throws Exception {
        start();
        engine.subscribe("inbox.a", null, 10, 30, StartPosition.NewOnly);
        store.close(true);
        engine.send("g1", "m1");
        await().atMost(WAIT).until(() -> store.waiting() == 1);
        store.open();

        assertThat(engine.pubAck("g1").getError()).isNotEmpty().doesNotContain("simulated");
        engine.settle();
        assertThat(transport.count("inbox.a")).isZero();
        assertThat(store.forcedOn()).containsExactly(LOOP);
    }

    /** Starts the engine; a force counts as quick however long it takes, unless a test says otherwise. */
    private void start() throws Exception {
        engine.start("force-on-loop", opened -> store = new GatedCommitStore(opened));
        engine.commits().forceOnLoopUpTo(Long.MAX_VALUE);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never let the loop go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
