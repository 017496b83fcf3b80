package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.SubscriptionRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process ({@link CrashWriter}) with SIGKILL at random moments and checks, after each
 * kill, that the store holds every committed message byte for byte and exactly the subscription
 * state (pending sets and redelivery counts) and the prepared transaction branches of the last completed commit (or of the one in flight, if it reached the disk before the
 * kill). {@code -Dnatsjms.crash.cycles=N} sets the number of kills (default 20).
 */
class MapDbCrashRecoveryIT {

    private static final int CYCLES = Integer.getInteger("natsjms.crash.cycles", 20);

    @TempDir
    Path tmp;

    @Test
    void everyCommittedMessageAndSubscriptionStateSurvivesSigkill() throws Exception {
        Path dir = tmp.resolve("data");
        Path side = tmp.resolve("side.log");
        Files.createFile(side);
        Random random = new Random(Long.getLong("natsjms.crash.seed", System.nanoTime()));
        long[] verified = new long[CrashWriter.CHANNELS + 1]; // the last: most prepared branches recovered
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int linesBefore = lines(side).size();
            int wanted = 5 + random.nextInt(60);
            Process child = startWriter(dir, side, random.nextLong());
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> !child.isAlive() || lines(side).size() >= linesBefore + wanted);
                assertThat(child.isAlive()).as("writer alive in cycle %d (exit %s)", cycle,
                        child.isAlive() ? "-" : child.exitValue()).isTrue();
            } finally {
                child.destroyForcibly().waitFor();
            }
            verify(dir, lines(side), verified);
        }
        assertThat(java.util.Arrays.stream(verified, 0, CrashWriter.CHANNELS).min().orElse(0))
                .as("fewest messages verified in a channel").isPositive();
        assertThat(verified[CrashWriter.CHANNELS]).as("most prepared branches recovered").isPositive();
    }

    private Process startWriter(Path dir, Path side, long seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString(), side.toString(), Long.toString(seed));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("writer.out").toFile()).start();
    }

    private static List<String> lines(Path side) throws IOException {
        List<String> complete = new ArrayList<>();
        String text = Files.readString(side, StandardCharsets.US_ASCII);
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            complete.add(text.substring(start, nl));
            start = nl + 1;
        }
        return complete;
    }

    /** Checks the store against the side file; the side file may lag the store by the commit in flight. */
    private static void verify(Path dir, List<String> side, long[] verified) {
        String lastOk = null;
        String inFlight = null;
        for (String line : side) {
            if (line.startsWith("ok ")) {
                lastOk = digestOf(line);
                inFlight = null;
            } else {
                inFlight = digestOf(line);
            }
        }
        try (Store store = new MapDbStoreProvider().open(CrashWriter.config(dir))) {
            RecoveredState state = store.recover().orElseThrow();
            String actual = digest(state) + " " + CrashWriter.digest(store.preparedTransactions().all());
            verified[CrashWriter.CHANNELS] = Math.max(verified[CrashWriter.CHANNELS],
                    store.preparedTransactions().all().size());
            assertThat(actual).as("recovered state (side file: last ok %s, in flight %s)", lastOk, inFlight)
                    .isIn(lastOk, inFlight);
            for (int c = 0; c < CrashWriter.CHANNELS; c++) {
                ChannelStore channel = state.channels().get(CrashWriter.channel(c)).channel();
                long last = channel.messages().lastSequence();
                assertThat(channel.messages().firstSequence()).isEqualTo(last == 0 ? 0 : 1);
                for (long seq = 1; seq <= last; seq++) {
                    MsgProto msg = channel.messages().lookup(seq);
                    assertThat(msg).as("message %d of %s", seq, channel.name()).isNotNull();
                    assertThat(msg.getSequence()).isEqualTo(seq);
                    assertThat(msg.getData().toByteArray()).as("payload of %d in %s", seq, channel.name())
                            .isEqualTo(CrashWriter.payload(c, seq));
                }
                verified[c] = Math.max(verified[c], last);
            }
        }
    }

    private static String digestOf(String line) {
        return line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
    }

    private static String digest(RecoveredState state) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < CrashWriter.CHANNELS; c++) {
            var recovered = state.channels().get(CrashWriter.channel(c));
            if (recovered == null) {
                return "channel " + CrashWriter.channel(c) + " missing";
            }
            SubscriptionRecord sub = recovered.subscriptions().isEmpty() ? null : recovered.subscriptions().get(0);
            sb.append(c == 0 ? "" : " ").append(CrashWriter.digest(recovered.channel().messages().lastSequence(),
                    sub == null ? -1 : sub.state().getLastSent(),
                    sub == null ? new java.util.TreeSet<>() : sub.pending(),
                    sub == null ? new java.util.TreeMap<>() : sub.redeliveryCounts()));
        }
        return sb.toString();
    }
}
