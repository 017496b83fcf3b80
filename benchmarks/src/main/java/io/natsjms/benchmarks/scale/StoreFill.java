package io.natsjms.benchmarks.scale;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.MessageStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import io.natsjms.store.spb.ServerInfo;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the state a server later starts from straight through the store API (publishing it through
 * a server would take far longer than the measurement): the server info of a cluster, then either
 * channels with offline durable subscriptions, or messages in one channel. Fills with
 * {@code fsync=never} and commits in batches; the store is closed cleanly, so nothing is lost.
 */
final class StoreFill {

    /** The channel the stored messages go to. */
    static final String MESSAGE_CHANNEL = "scale.stored";

    private static final int COMMIT_EVERY = 10_000;

    private StoreFill() {
    }

    /** The name of channel number {@code index}. */
    static String channelName(int index) {
        return "scale.c" + index;
    }

    /**
     * {@code channels} channels, each with {@code subscriptions} durable subscriptions of one client
     * that has closed its connection (they come back offline, as after the client went away).
     */
    static void channels(String storeName, Path directory, String clusterId, int channels, int subscriptions) {
        try (Store store = open(storeName, directory, clusterId)) {
            int records = 0;
            for (int c = 0; c < channels; c++) {
                ChannelStore channel = store.createChannel(channelName(c));
                for (int s = 0; s < subscriptions; s++) {
                    channel.subscriptions().create(SubState.newBuilder()
                            .setClientID("scale-client")
                            .setInbox("_INBOX.scale." + c + "." + s)
                            .setAckInbox("_INBOX.scale.ack." + c + "." + s)
                            .setMaxInFlight(1024)
                            .setAckWaitInSecs(30)
                            .setDurableName("durable-" + s)
                            .setIsDurable(true)
                            .setIsClosed(true)
                            .build());
                }
                records += 1 + subscriptions;
                if (records >= COMMIT_EVERY) {
                    store.commit();
                    records = 0;
                }
            }
            store.commit();
        }
    }

    /**
     * {@code messages} messages of {@code bytes} random bytes each in {@link #MESSAGE_CHANNEL}, stamped
     * as stored {@code age} ago (one nanosecond apart), without publish IDs.
     */
    static void messages(String storeName, Path directory, String clusterId, long messages, int bytes,
                         Duration age) {
        long first = MessageStamps.nowNanos() - age.toNanos() - messages;
        SplittableRandom random = new SplittableRandom(0x5CA1EL);
        MsgProto[] templates = new MsgProto[64];
        for (int i = 0; i < templates.length; i++) {
            byte[] data = new byte[bytes];
            random.nextBytes(data);
            templates[i] = MsgProto.newBuilder().setSubject(MESSAGE_CHANNEL).setData(ByteString.copyFrom(data)).build();
        }
        try (Store store = open(storeName, directory, clusterId)) {
            MessageStore log = store.createChannel(MESSAGE_CHANNEL).messages();
            for (long m = 1; m <= messages; m++) {
                log.append(templates[(int) (m % templates.length)].toBuilder().setTimestamp(first + m).build());
                if (m % COMMIT_EVERY == 0) {
                    store.commit();
                }
            }
            store.commit();
            if (log.lastSequence() != messages) {
                throw new IllegalStateException("filled up to sequence " + log.lastSequence() + " (expected: "
                        + messages + ")");
            }
        }
    }

    private static Store open(String storeName, Path directory, String clusterId) {
        Store store = StoreProvider.named(storeName).open(new StoreConfig(directory, StoreLimits.unlimited(),
                Map.of("fsync", "never")));
        try {
            Subjects subjects = Subjects.forCluster(clusterId);
            store.initServerInfo(ServerInfo.newBuilder()
                    .setClusterID(clusterId)
                    .setDiscovery(subjects.discovery())
                    .setPublish(subjects.publish())
                    .setSubscribe(subjects.subscribe())
                    .setUnsubscribe(subjects.unsubscribe())
                    .setSubClose(subjects.subClose())
                    .setClose(subjects.close())
                    .setAcksSubs(subjects.acks())
                    .build());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
