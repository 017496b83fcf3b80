package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acks, publishes, subscription closes and unsubscribes sent by several clients at once, each on its own
 * connection (so on the broker's event loops in parallel), checked against a model of every durable
 * subscription's pending messages. What a client sends is handled in the order it sent it: acks sent
 * without waiting and then a close must all be applied before the close, so the resumed durable gets
 * exactly the model's unacknowledged messages again; acks that must change nothing (a duplicate, an unknown
 * sequence, malformed bytes, an unknown or closed ack inbox, another channel) change nothing.
 *
 * <p>The seed is printed; {@code -Dnatsjms.order.seed=N} replays a client's choices (how the clients'
 * messages interleave with one another is up to the threads).
 */
@ExtendWith(StanServerExtension.class)
class InboundOrderModelIT {

    static final String SEED_PROPERTY = "natsjms.order.seed";
    private static final int CLIENTS = 4;
    private static final int STEPS = 120;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eachClientsAcksClosesAndUnsubscribesApplyInTheOrderSent(StanTestServer stan) throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
        System.out.println("InboundOrderModelIT: seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")");
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ModelClient client = new ModelClient(stan, i, new Random(seed * 31 + i));
                runs.add(threads.submit(() -> {
                    client.run();
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("seed " + seed + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** One client on its own connection, its durable subscription on its own channel, and the model. */
    private static final class ModelClient {
        private final StanTestServer stan;
        private final RawStan raw;
        private final Random random;
        private final String clientId;
        private final String channel;
        private final String otherChannel;
        /** The model: sequences delivered to the durable and not acknowledged. */
        private final TreeSet<Long> pending = new TreeSet<>();
        /** Sequences acknowledged (acking one again changes nothing). */
        private final TreeSet<Long> acked = new TreeSet<>();
        /** What this client did, for the failure message. */
        private final List<String> steps = new ArrayList<>();
        private RawStan.Sub sub;
        private String closedAckInbox;
        private long lastSequence;

        ModelClient(StanTestServer stan, int index, Random random) {
            this.stan = stan;
            this.raw = stan.raw();
            this.random = random;
            this.clientId = "order-" + index;
            this.channel = "order." + index;
            this.otherChannel = "order." + ((index + 1) % CLIENTS);
        }

        void run() {
            raw.connect(clientId);
            publish(1); // creates the channel
            sub = raw.subscribeOk(durable());
            for (int step = 0; step < STEPS; step++) {
                int op = random.nextInt(100);
                if (op < 25) {
                    publish(1 + random.nextInt(4));
                } else if (op < 50) {
                    ackSome();
                } else if (op < 70) {
                    ackUselessly();
                } else if (op < 85) {
                    ackSome();
                    closeAndResume();
                } else {
                    ackSome();
                    unsubscribeAndStartOver();
                }
                if (random.nextInt(4) == 0) {
                    publish(1); // its PubAck comes after everything sent before it is applied
                    assertPendingCount();
                }
            }
            ackSome();
            closeAndResume();
        }

        private SubscriptionRequest.Builder durable() {
            return raw.subRequest(clientId, channel).setDurableName("d").setAckWaitInSecs(600);
        }

        /** Publishes and waits for the PubAcks: the messages are pending on the durable by then. */
        private void publish(int count) {
            for (int i = 0; i < count; i++) {
                PubAck ack = raw.publish(raw.pubMsg(clientId, channel, "m"));
                assertThat(ack.getError()).as(context("publish")).isEmpty();
                lastSequence++;
                if (sub != null) {
                    pending.add(lastSequence);
                }
            }
            steps.add("publish " + count + " -> " + lastSequence);
        }

        /** Acks up to three pending messages once received (as a client does), without waiting for the server. */
        private void ackSome() {
            int count = random.nextInt(4);
            for (int i = 0; i < count && !pending.isEmpty(); i++) {
                long sequence = pick(pending);
                awaitReceived(List.of(sequence));
                raw.ack(sub, sequence);
                pending.remove(sequence);
                acked.add(sequence);
                steps.add("ack " + sequence);
            }
        }

        /** An ack that must change nothing. */
        private void ackUselessly() {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!acked.isEmpty()) {
                        long sequence = pick(acked);
                        raw.ack(sub, sequence);
                        steps.add("duplicate ack " + sequence);
                    }
                }
                case 1 -> {
                    long sequence = lastSequence + 1_000_000 + random.nextInt(1000);
                    raw.ack(sub, sequence);
                    steps.add("ack of unknown " + sequence);
                }
                case 2 -> {
                    raw.nc.publish(sub.ackInbox(), RawStan.GARBAGE);
                    steps.add("malformed ack");
                }
                case 3 -> {
                    if (!pending.isEmpty()) {
                        long sequence = pick(pending);
                        String inbox = closedAckInbox != null && random.nextBoolean() ? closedAckInbox
                                : stan.subjects().ackInbox("nosuch" + random.nextInt(1000));
                        raw.ack(inbox, channel, sequence);
                        steps.add("ack of " + sequence + " on unknown inbox " + inbox);
                    }
                }
                default -> {
                    if (!pending.isEmpty()) {
                        long sequence = pick(pending);
                        raw.nc.publish(sub.ackInbox(), Ack.newBuilder().setSubject(otherChannel)
                                .setSequence(sequence).build().toByteArray());
                        steps.add("ack of " + sequence + " naming channel " + otherChannel);
                    }
                }
            }
        }

        /**
         * Closes the durable and resumes it: it gets exactly the model's pending messages again, before a
         * message published after the resume.
         */
        private void closeAndResume() {
            awaitReceived(pending); // so that all of them come back as redeliveries
            assertThat(raw.closeSubscription(clientId, channel, sub.inbox()).getError()).as(context("close")).isEmpty();
            closedAckInbox = sub.ackInbox();
            steps.add("close");
            sub = raw.subscribeOk(durable());
            publish(1);
            long marker = lastSequence;
            RawStan.Sub resumed = sub;
            await(context("resume")).atMost(WAIT).until(() -> resumed.sequences().contains(marker));
            List<Long> redelivered = new ArrayList<>();
            for (MsgProto msg : resumed.received()) {
                if (msg.getSequence() == marker) {
                    break;
                }
                assertThat(msg.getRedelivered()).as(context("message " + msg.getSequence() + " before the marker"))
                        .isTrue();
                redelivered.add(msg.getSequence());
            }
            assertThat(redelivered).as(context("redelivered after the resume")).containsExactlyElementsOf(
                    pending.headSet(marker));
        }

        /** Unsubscribes the durable (its pending messages go with it) and starts a new one, for new messages. */
        private void unsubscribeAndStartOver() {
            assertThat(raw.unsubscribe(clientId, channel, sub.inbox()).getError()).as(context("unsubscribe"))
                    .isEmpty();
            closedAckInbox = sub.ackInbox();
            pending.clear();
            acked.clear();
            steps.add("unsubscribe");
            sub = raw.subscribeOk(durable());
        }

        /**
         * Checks the server's pending count once the subscription received every pending message (a
         * PubAck need not wait for the delivery on every store); the acks sent before are applied by then,
         * as the PubAck that came before this answered a publish sent after them.
         */
        private void assertPendingCount() {
            awaitReceived(pending);
            String ackInbox = sub.ackInbox();
            int count = stan.channel(channel).orElseThrow().subscriptions().stream()
                    .filter(s -> s.ackInbox().equals(ackInbox)).findFirst().orElseThrow().pendingCount();
            assertThat(count).as(context("pending count")).isEqualTo(pending.size());
        }

        private void awaitReceived(java.util.Collection<Long> sequences) {
            RawStan.Sub current = sub;
            await(context("delivery of " + sequences)).atMost(WAIT)
                    .until(() -> current.sequences().containsAll(sequences));
        }

        private long pick(TreeSet<Long> from) {
            int skip = random.nextInt(from.size());
            return from.stream().skip(skip).findFirst().orElseThrow();
        }

        private String context(String what) {
            int from = Math.max(0, steps.size() - 12);
            return clientId + ", " + what + ", model pending " + pending + ", last steps " + steps.subList(from,
                    steps.size());
        }
    }
}
