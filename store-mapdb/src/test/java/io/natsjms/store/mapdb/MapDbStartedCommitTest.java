package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageStore;
import io.natsjms.store.PendingCommit;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MapDbStore#startCommit()}: a commit written on one thread and forced on another while
 * appends go on. Once forced it is durable and the appends after it belong to the next commit; a
 * force that fails stops the store's writes, and a restart holds that commit whole or not at all;
 * the other commits and the close wait for a force under way.
 */
class MapDbStartedCommitTest {

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 1 << 20, 1L << 30,
                3_600_000);
    }

    private static List<String> texts(MessageStore messages) {
        List<String> texts = new ArrayList<>();
        for (long s = messages.firstSequence(); s > 0 && s <= messages.lastSequence(); s++) {
            String data = messages.lookup(s).getData().toStringUtf8();
            texts.add(data.substring(0, data.indexOf(' ')));
        }
        return texts;
    }

    @Test
    void aForcedCommitIsDurableAndTheAppendsAfterItStartTheNextOne() {
        MapDbStore store = MapDbStore.open(config());
        ChannelStore channel = store.createChannel("full");
        channel.messages().append(MapDbDiskFullTest.msg("m1"));
        channel.messages().append(MapDbDiskFullTest.msg("m2"));
        PendingCommit pending = store.startCommit();
        assertThat(pending).isNotSameAs(PendingCommit.DURABLE);
        channel.messages().append(MapDbDiskFullTest.msg("m3")); // after the commit: not in it
        pending.force();
        store.halt(); // a crash: m3 was never committed

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(texts(reopened.lookupChannel("full").orElseThrow().messages())).containsExactly("m1", "m2");
        }
    }

    @Test
    void aStartedCommitWithNothingInItIsDurableAtOnce() {
        try (MapDbStore store = MapDbStore.open(config())) {
            store.commit();
            assertThat(store.startCommit()).isSameAs(PendingCommit.DURABLE);
        }
    }

    @Test
    void aFailedForceStopsTheWritesAndTheRestartHoldsTheCommitWholeOrNotAtAll() {
        FaultyFiles files = new FaultyFiles();
        MapDbStore store = MapDbStore.open(config(), files);
        ChannelStore channel = store.createChannel("full");
        channel.messages().append(MapDbDiskFullTest.msg("m1"));
        store.commit();
        channel.messages().append(MapDbDiskFullTest.msg("m2"));
        channel.messages().append(MapDbDiskFullTest.msg("m3"));
        PendingCommit pending = store.startCommit();
        files.failNext("force journal", FaultyFiles.EIO);

        assertThatThrownBy(pending::force).isInstanceOf(StoreException.class)
                .hasMessageContaining(FaultyFiles.EIO);
        channel.messages().append(MapDbDiskFullTest.msg("m4"));
        assertThatThrownBy(store::commit).isInstanceOf(StoreException.class)
                .hasMessageContaining("stopped writing").hasMessageContaining("reopen");
        assertThatThrownBy(store::startCommit).isInstanceOf(StoreException.class)
                .hasMessageContaining("stopped writing");
        try {
            store.close();
        } catch (StoreException expected) {
            // the close's own commit is refused too; the files are released all the same
        }

        try (MapDbStore reopened = MapDbStore.open(config())) {
            List<String> texts = texts(reopened.lookupChannel("full").orElseThrow().messages());
            // the frame and its records did reach the OS here, so the commit is there, whole
            assertThat(texts).containsExactly("m1", "m2", "m3");
        }
    }

    @Test
    void aCommitAndTheCloseWaitForAForceUnderWay() throws Exception {
        GateOnForce files = new GateOnForce();
        MapDbStore store = MapDbStore.open(config(), files);
        ChannelStore channel = store.createChannel("full");
        channel.messages().append(MapDbDiskFullTest.msg("m1"));
        PendingCommit pending = store.startCommit();
        files.close();
        CompletableFuture<Void> forcing = CompletableFuture.runAsync(pending::force);
        await().atMost(10, TimeUnit.SECONDS).until(() -> files.waiting() > 0);

        channel.messages().append(MapDbDiskFullTest.msg("m2"));
        Thread committer = new Thread(store::commit, "committer");
        committer.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> committer.getState() == Thread.State.WAITING);
        assertThat(forcing).isNotDone();

        files.open();
        forcing.get(10, TimeUnit.SECONDS);
        committer.join(10_000);
        assertThat(committer.isAlive()).isFalse();
        store.close();
        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(texts(reopened.lookupChannel("full").orElseThrow().messages())).containsExactly("m1", "m2");
        }
    }

    @Test
    void aChannelDeletedBeforeTheForceIsSkipped() {
        try (MapDbStore store = MapDbStore.open(config())) {
            ChannelStore gone = store.createChannel("gone");
            ChannelStore kept = store.createChannel("kept");
            gone.messages().append(MapDbDiskFullTest.msg("g1"));
            kept.messages().append(MapDbDiskFullTest.msg("k1"));
            PendingCommit pending = store.startCommit();
            store.deleteChannel("gone");
            pending.force();
            store.commit();
        }
        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.lookupChannel("gone")).isEmpty();
            assertThat(texts(reopened.lookupChannel("kept").orElseThrow().messages())).containsExactly("k1");
        }
    }

    /** Real files whose forces wait while the gate is closed. */
    private static final class GateOnForce implements StoreFiles {

        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        int waiting() {
            return waiting.get();
        }

        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            return new ForwardingFileChannel(FileChannel.open(file, options)) {
                @Override
                public void force(boolean metaData) throws IOException {
                    waiting.incrementAndGet();
                    try {
                        if (!gate.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    } finally {
                        waiting.decrementAndGet();
                    }
                    real.force(metaData);
                }
            };
        }

        @Override
        public void stateCommit(boolean committed) {
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            DirectorySync.force(directory);
        }
    }
}
