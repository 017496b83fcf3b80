package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Processes killed while they open a store of layout 1, in the middle of the state file's copy, the layout upgrade,
 * its commit, the copy's removal, or a restore of a copy an earlier kill left ({@link HaltingOpener}, one to three
 * kills in a row; once at each named step, then at moments chosen by a seed): the next open finds every message, client, subscription, pending message and redelivery count
 * the store held, exactly, in layout 2, and a second open finds the same again. Each random round is chosen by a seed,
 * printed when it fails; {@code -Dnatsjms.upgrade.seed=<seed>} replays that round alone, and
 * {@code -Dnatsjms.upgrade.rounds=N} sets the number of rounds (default 14).
 */
class MapDbUpgradeCrashIT {

    private static final int ROUNDS = Integer.getInteger("natsjms.upgrade.rounds", 14);
    private static final OpenStep[] STEPS = OpenStep.values();

    @TempDir
    static Path tmp;
    private static Path template;
    private static LayoutOneFixture.Expected expected;
    /** The fixture recovered from its layout 2 copy, by an open nothing interrupted. */
    private static Snapshot reference;

    @BeforeAll
    static void writeFixture() throws Exception {
        template = tmp.resolve("template");
        Path layoutTwo = tmp.resolve("layout2");
        expected = LayoutOneFixture.write(template, layoutTwo);
        reference = snapshot(layoutTwo);
        assertMatchesModel(reference);
    }

    @Test
    void anOpenThatNothingInterruptsUpgradesToTheSameContent() throws Exception {
        Path dir = tmp.resolve("plain");
        LayoutOneFixture.copyTree(template, dir);
        assertThat(snapshot(dir)).isEqualTo(reference);
        assertThat(snapshot(dir)).isEqualTo(reference);
        assertUpgraded(dir);
    }

    /** A kill at each named step of the open (and, for a restore, after a kill that left a complete copy). */
    @ParameterizedTest
    @MethodSource("namedPoints")
    void aKillAtANamedPointLosesNothing(List<Kill> plan) throws Exception {
        Path dir = tmp.resolve("named-" + plan.stream().map(Kill::toString).reduce("", String::concat).hashCode());
        LayoutOneFixture.copyTree(template, dir);
        List<String> outputs = new ArrayList<>();
        for (Kill kill : plan) {
            String output = kill.run(dir);
            outputs.add(output);
            assertThat(output).as("the child reached the point").contains("reached " + kill.at() + " #"
                    + kill.occurrence());
        }
        assertThat(snapshot(dir)).as("first open after %s", outputs).isEqualTo(reference);
        assertThat(snapshot(dir)).as("second open").isEqualTo(reference);
        assertUpgraded(dir);
    }

    static Stream<List<Kill>> namedPoints() {
        Stream<List<Kill>> single = Stream.of(OpenStep.values()).filter(s -> s != OpenStep.RESTORE_FILE_COPIED)
                .map(s -> List.of(Kill.at(s, 1)));
        return Stream.concat(single, Stream.of(
                List.of(Kill.at(OpenStep.LAYOUT_COMMITTED, 1), Kill.at(OpenStep.RESTORE_FILE_COPIED, 1))));
    }

    @Test
    void killsAtRandomMomentsLoseNothing() throws Exception {
        Long only = Long.getLong("natsjms.upgrade.seed");
        Random seeds = new Random(only != null ? only : System.nanoTime());
        int rounds = only != null ? 1 : ROUNDS;
        for (int round = 0; round < rounds; round++) {
            long seed = only != null ? only : seeds.nextLong();
            Path dir = tmp.resolve("round" + round);
            LayoutOneFixture.copyTree(template, dir);
            List<String> kills = new ArrayList<>();
            try {
                Random random = new Random(seed);
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    Kill kill = Kill.random(random);
                    kills.add(kill + ": " + kill.run(dir).strip().replace('\n', ' '));
                }
                System.out.println("round " + round + " seed " + seed + ": " + kills);
                assertThat(snapshot(dir)).as("first open after the kills").isEqualTo(reference);
                assertThat(snapshot(dir)).as("second open").isEqualTo(reference);
                assertUpgraded(dir);
            } catch (AssertionError | RuntimeException e) {
                fail("round with seed " + seed + " (replay: -Dnatsjms.upgrade.seed=" + seed + "), kills " + kills
                        + ", files " + LayoutOneFixture.listing(dir) + ": " + e, e);
            }
            StoreRecovery.deleteTree(dir);
        }
    }

    /**
     * A child process opening the store, halted {@code delayMicros} after the {@code occurrence}-th time it reached
     * step {@code at} (or after it began, for {@code start}).
     */
    record Kill(String at, int occurrence, long delayMicros) {

        static Kill at(OpenStep step, int occurrence) {
            return new Kill(step.name(), occurrence, 0);
        }

        /** Any step or the start; at the step itself or a little later (inside a commit, a deletion, the replay). */
        static Kill random(Random random) {
            if (random.nextInt(4) == 0) {
                return new Kill("start", 1, 1 + random.nextInt(1_500_000));
            }
            OpenStep step = STEPS[random.nextInt(STEPS.length)];
            int occurrence = step == OpenStep.BACKUP_FILE_COPIED || step == OpenStep.RESTORE_FILE_COPIED
                    ? 1 + random.nextInt(2) : 1;
            long delay = random.nextBoolean() ? 0 : 1 + random.nextInt(random.nextBoolean() ? 2_000 : 200_000);
            return new Kill(step.name(), occurrence, delay);
        }

        String run(Path dir) throws Exception {
            return HaltingOpener.run(dir, at, occurrence, delayMicros);
        }

        @Override
        public String toString() {
            return at + "#" + occurrence + "+" + delayMicros + "us";
        }
    }

    private static void assertUpgraded(Path dir) {
        assertThat(dir.resolve(StateBackup.DIRECTORY)).as("the copy taken before the open").doesNotExist();
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.getLong(StateDb.LAYOUT, 0)).isEqualTo(StateLayout.CURRENT);
        }
    }

    /** What a store holds, in a form that compares field by field. */
    record Snapshot(ServerInfo serverInfo, List<ClientInfo> clients, Map<String, ChannelView> channels) {
    }

    record ChannelView(long first, long last, List<MsgProto> messages, List<SubscriptionRecord> subscriptions) {
    }

    private static Snapshot snapshot(Path dir) {
        try (Store store = new MapDbStoreProvider().open(LayoutOneFixture.config(dir))) {
            RecoveredState state = store.recover().orElseThrow();
            Map<String, ChannelView> channels = new TreeMap<>();
            for (Map.Entry<String, RecoveredChannel> e : state.channels().entrySet()) {
                ChannelStore channel = e.getValue().channel();
                long first = channel.messages().firstSequence();
                long last = channel.messages().lastSequence();
                List<MsgProto> messages = new ArrayList<>();
                for (long seq = first; seq > 0 && seq <= last; seq++) {
                    messages.add(channel.messages().lookup(seq));
                }
                List<SubscriptionRecord> subs = new ArrayList<>(e.getValue().subscriptions());
                subs.sort(Comparator.comparingLong(r -> r.state().getID()));
                channels.put(e.getKey(), new ChannelView(first, last, messages, subs));
            }
            List<ClientInfo> clients = new ArrayList<>(state.clients());
            clients.sort(Comparator.comparing(ClientInfo::getID));
            return new Snapshot(state.serverInfo(), clients, channels);
        }
    }

    /** The snapshot holds exactly what the fixture wrote. */
    private static void assertMatchesModel(Snapshot snapshot) {
        assertThat(snapshot.serverInfo()).isEqualTo(expected.serverInfo());
        assertThat(snapshot.clients()).containsExactlyElementsOf(expected.clients().values());
        assertThat(snapshot.channels().keySet()).containsExactlyElementsOf(expected.messages().keySet());
        for (String name : expected.messages().keySet()) {
            ChannelView channel = snapshot.channels().get(name);
            List<byte[]> payloads = expected.messages().get(name);
            assertThat(channel.last()).as("last sequence of %s", name).isEqualTo(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                MsgProto message = channel.messages().get(i);
                assertThat(message.getSequence()).as("sequence %d of %s", i + 1, name).isEqualTo(i + 1);
                assertThat(message.getSubject()).isEqualTo(name);
                assertThat(message.getData().toByteArray()).as("payload %d of %s", i + 1, name)
                        .isEqualTo(payloads.get(i));
            }
            Map<Long, LayoutOneFixture.ExpectedSub> subs = expected.subs().get(name);
            assertThat(channel.subscriptions()).extracting(r -> r.state().getID()).as("subscriptions of %s", name)
                    .containsExactlyElementsOf(subs.keySet());
            for (SubscriptionRecord record : channel.subscriptions()) {
                LayoutOneFixture.ExpectedSub sub = subs.get(record.state().getID());
                String what = "subscription " + record.state().getID() + " of " + name;
                assertThat(record.state().getClientID()).as(what).isEqualTo(sub.clientId());
                assertThat(record.state().getDurableName()).as(what).isEqualTo(sub.durableName());
                assertThat(record.pending()).as("pending of %s", what).containsExactlyElementsOf(sub.pending());
                assertThat(record.redeliveryCounts()).as("redelivery counts of %s", what)
                        .containsExactlyEntriesOf(sub.counts());
            }
        }
        assertThat(Files.exists(template.resolve(StateBackup.DIRECTORY))).isFalse();
    }
}
