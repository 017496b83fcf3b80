package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageStore;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.ServerInfo;
import io.natsjms.store.spb.SubState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node leading a channel's stream is killed (SIGKILL) while a writer commits to that channel
 * without pause on a 3-node cluster with 3 replicas; then restarted, and the next leader killed, three
 * times. Commits fail while the stream elects a new
 * leader; a commit may even fail after the stream stored some of its messages. Afterwards commits must
 * succeed again (the channel is not wedged), and a store opened anew must hold exactly the messages
 * of the commits that succeeded, at the sequences they were given: none lost, none replaced by a
 * message of a failed commit; and a durable's pending messages must be those the writer delivered
 * and did not ack, failed commits included (their changes go with the next). The batch sizes come from a seed ({@code -Dnatsjms.test.seed=} replays
 * them; the moment of the kill depends on timing).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class JetStreamNodeLossIT {

    private static final String CHANNEL = "orders";
    /** Leaders killed one after the other, each node restarted and caught up before the next kill. */
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void losingTheStreamLeaderMidCommitLosesNoCommittedMessageAndDoesNotWedgeTheChannel() throws Exception {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("JetStreamNodeLossIT seed: " + seed + " (replay: -Dnatsjms.test.seed=" + seed + ")");
        try (JetStreamCluster cluster = JetStreamCluster.start(dir.resolve("cluster"), 3)) {
            StoreConfig config = StoreConfig.at(dir.resolve("store"), StoreLimits.unlimited())
                    .withOption(JetStreamStoreConfig.URLS, cluster.urls())
                    .withOption(JetStreamStoreConfig.PREFIX, "loss")
                    .withOption(JetStreamStoreConfig.REPLICAS, "3")
                    .withOption(JetStreamStoreConfig.LEASE_MILLIS, "60000");
            Map<Long, String> committed = new ConcurrentSkipListMap<>();
            Map<Long, String> held = new TreeMap<>();
            NavigableSet<Long> pending = new TreeSet<>();
            long[] delivered = {0};
            AtomicInteger failedCommits = new AtomicInteger();
            AtomicInteger commitsAfterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            JetStreamStore store = JetStreamStore.open(JetStreamStoreConfig.from(config), StoreLimits.unlimited());
            try {
                store.initServerInfo(ServerInfo.newBuilder().setClusterID("loss").build());
                ChannelStore channel = store.createChannel(CHANNEL);
                MessageStore messages = channel.messages();
                SubscriptionStore subscriptions = channel.subscriptions();
                long subId = subscriptions.create(SubState.newBuilder().setClientID("c").setInbox("in")
                        .setDurableName("d").setIsDurable(true).build()).getID();
                store.commit();
                Thread writer = new Thread(() -> {
                    Random random = new Random(seed);
                    int batch = 0;
                    while (running.get()) {
                        batch++;
                        Map<Long, String> appended = new TreeMap<>();
                        try {
                            int count = 1 + random.nextInt(20);
                            for (int i = 0; i < count; i++) {
                                String body = "b" + batch + "-" + i;
                                appended.put(messages.append(message(body)).getSequence(), body);
                            }
                            deliverAndAck(random, subscriptions, subId, committed, pending, delivered);
                            boolean afterKill = killed.get();
                            store.commit();
                            committed.putAll(appended);
                            if (afterKill) {
                                commitsAfterKill.incrementAndGet();
                            }
                        } catch (StoreException e) {
                            failedCommits.incrementAndGet();
                        } catch (Throwable t) {
                            writerFailure.set(t);
                            return;
                        }
                    }
                }, "node-loss-writer");
                writer.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() >= 200);

                List<String> killedNodes = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    NatsServerNode leader = cluster.leaderOf("loss_ch_");
                    killedNodes.add(leader.name());
                    commitsAfterKill.set(0);
                    leader.kill();
                    killed.set(true);
                    await("commits succeed again after the stream leader was lost").atMost(Duration.ofSeconds(120))
                            .until(() -> commitsAfterKill.get() >= 20 || writerFailure.get() != null);
                    killed.set(false);
                    leader.start();
                    cluster.awaitEveryReplicaCurrent();
                }
                running.set(false);
                writer.join(30_000);
                assertThat(writerFailure.get()).as("the writer thread").isNull();
                System.out.printf("JetStreamNodeLossIT: killed %s; %d messages committed, %d commits failed%n",
                        killedNodes, committed.size(), failedCommits.get());
                for (long seq = messages.firstSequence(); seq <= messages.lastSequence(); seq++) {
                    held.put(seq, body(messages.lookup(seq)));
                }
            } finally {
                running.set(false);
                store.close();
            }

            JetStreamStoreConfig again = JetStreamStoreConfig.from(config.withOption(
                    JetStreamStoreConfig.WAIT_FOR_LEASE, "true"));
            AtomicReference<JetStreamStore> opened = new AtomicReference<>();
            await("the store opens again (while the cluster settles it is unavailable)").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        try {
                            opened.set(JetStreamStore.open(again, StoreLimits.unlimited()));
                            return true;
                        } catch (StoreException e) {
                            assertThat(e.reason()).as("why it did not open: %s", e.getMessage())
                                    .isEqualTo(StoreException.Reason.UNAVAILABLE);
                            return false;
                        }
                    });
            try (JetStreamStore reopened = opened.get()) {
                RecoveredState state = reopened.recover().orElseThrow();
                MessageStore recovered = state.channels().get(CHANNEL).channel().messages();
                List<String> wrong = new ArrayList<>();
                for (Map.Entry<Long, String> e : committed.entrySet()) {
                    String found = body(recovered.lookup(e.getKey()));
                    if (!e.getValue().equals(found)) {
                        wrong.add(e.getKey() + ": committed " + e.getValue() + ", recovered " + found);
                    }
                }
                assertThat(wrong).as("committed messages that are missing or replaced after the reopen; the nodes "
                        + "logged:%s", cluster.logs()).isEmpty();
                Map<Long, String> reread = new TreeMap<>();
                for (long seq = recovered.firstSequence(); seq <= recovered.lastSequence(); seq++) {
                    reread.put(seq, body(recovered.lookup(seq)));
                }
                assertThat(reread).as("the channel after the reopen is the channel the store held before it")
                        .isEqualTo(held);
                assertThat(state.channels().get(CHANNEL).subscriptions()).singleElement()
                        .satisfies(sub -> assertThat(sub.pending()).as("the durable's pending messages, every change "
                                + "of a failed commit kept for the next").containsExactlyElementsOf(pending));
                assertThat(recovered.lastSequence()).as("the last sequence").isGreaterThanOrEqualTo(
                        ((ConcurrentSkipListMap<Long, String>) committed).lastKey());
            }
        }
    }

    /**
     * Delivers to the durable some committed messages after {@code delivered[0]} and acks some of those
     * it holds, as the engine does between two commits; the model {@code pending} follows. A failed commit
     * keeps these changes for the next one, so every one of them must end up stored.
     */
    private static void deliverAndAck(Random random, SubscriptionStore subscriptions, long subId,
                                      Map<Long, String> committed, NavigableSet<Long> pending, long[] delivered) {
        for (Long sequence : ((ConcurrentSkipListMap<Long, String>) committed).tailMap(delivered[0], false).keySet()) {
            if (random.nextInt(4) == 0 || pending.size() > 200) {
                break;
            }
            subscriptions.addPending(subId, sequence);
            pending.add(sequence);
            delivered[0] = sequence;
        }
        for (Long sequence : new ArrayList<>(pending)) {
            if (random.nextInt(3) == 0) {
                subscriptions.ackPending(subId, sequence);
                pending.remove(sequence);
            }
        }
    }

    private static String body(MsgProto msg) {
        return msg == null ? null : msg.getData().toString(StandardCharsets.UTF_8);
    }

    private static MsgProto message(String body) {
        return MsgProto.newBuilder().setSubject(CHANNEL).setData(ByteString.copyFromUtf8(body)).build();
    }
}
