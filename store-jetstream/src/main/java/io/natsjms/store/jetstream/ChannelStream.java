package io.natsjms.store.jetstream;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PurgeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The JetStream stream holding one channel's messages: stream sequence = channel sequence, each
 * message the serialized {@link MsgProto} as stored. Max messages is the stream's own limit (the
 * same oldest messages go); the other limits are applied by the store with purges.
 */
final class ChannelStream {

    /** The API error of a message that is not in the stream. */
    private static final int NO_MESSAGE_FOUND = 10037;
    /** The API error of a stream that does not exist. */
    private static final int STREAM_NOT_FOUND = 10059;

    private final Connection connection;
    private final JetStreamManagement management;
    private final String name;
    private final String channel;

    ChannelStream(Connection connection, String name, String channel) throws IOException {
        this.connection = connection;
        this.management = connection.jetStreamManagement();
        this.name = name;
        this.channel = channel;
    }

    String name() {
        return name;
    }

    /**
     * Makes sure the stream exists, takes {@code subject} (only this one: the subject of an earlier
     * epoch stops being accepted, which fences an earlier lease holder) and has {@code maxMsgs}.
     *
     * @return the stream's state afterwards
     */
    StreamInfo ensure(String subject, long maxMsgs, int replicas) throws IOException, JetStreamApiException {
        StreamInfo info;
        try {
            info = management.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            return management.addStream(StreamConfiguration.builder().name(name).subjects(subject)
                    .storageType(StorageType.File).replicas(replicas).retentionPolicy(RetentionPolicy.Limits)
                    .discardPolicy(DiscardPolicy.Old).maxMessages(maxMsgs > 0 ? maxMsgs : -1)
                    .duplicateWindow(Duration.ofSeconds(1)).description("natsjms channel " + channel).build());
        }
        StreamConfiguration config = info.getConfiguration();
        long wantedMax = maxMsgs > 0 ? maxMsgs : -1;
        if (!config.getSubjects().equals(List.of(subject)) || config.getMaxMsgs() != wantedMax) {
            info = management.updateStream(StreamConfiguration.builder(config).subjects(subject)
                    .maxMessages(wantedMax).build());
        }
        return info;
    }

    /** The sequence of the newest message the stream ever stored. */
    long lastSequence() throws IOException, JetStreamApiException {
        return management.getStreamInfo(name).getStreamState().getLastSequence();
    }

    /** The message with {@code sequence}, read from the stream, or {@code null} if it is not there. */
    MsgProto get(long sequence) throws IOException, JetStreamApiException {
        try {
            return decode(sequence, management.getMessage(name, sequence).getData());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Reads the messages from {@code from} to {@code to} (both included) in order. */
    void read(long from, long to, Consumer<MsgProto> sink) throws IOException, JetStreamApiException,
            InterruptedException {
        if (from > to) {
            return;
        }
        ConsumerInfo consumer = management.addOrUpdateConsumer(name, ConsumerConfiguration.builder()
                .ackPolicy(AckPolicy.None).deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(from)
                .inactiveThreshold(Duration.ofSeconds(30)).build());
        JetStreamSubscription subscription = connection.jetStream()
                .subscribe(null, PullSubscribeOptions.bind(name, consumer.getName()));
        try {
            long next = from;
            while (next <= to) {
                List<Message> batch = subscription.fetch((int) Math.min(512, to - next + 1), Duration.ofSeconds(2));
                if (batch.isEmpty()) {
                    throw new IOException("stream " + name + " of channel \"" + channel + "\" ended at sequence "
                            + (next - 1) + " (expected: up to " + to + ")");
                }
                for (Message message : batch) {
                    long sequence = message.metaData().streamSequence();
                    if (sequence > to) {
                        return;
                    }
                    sink.accept(decode(sequence, message.getData()));
                    next = sequence + 1;
                }
            }
        } finally {
            subscription.unsubscribe();
            try {
                management.deleteConsumer(name, consumer.getName());
            } catch (IOException | JetStreamApiException e) {
                // it goes away by itself after its inactive threshold
            }
        }
    }

    /** Removes the messages below {@code sequence}. */
    void purgeBelow(long sequence) throws IOException, JetStreamApiException {
        management.purgeStream(name, PurgeOptions.builder().sequence(sequence).build());
    }

    void delete() throws IOException, JetStreamApiException {
        try {
            management.deleteStream(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
    }

    private MsgProto decode(long sequence, byte[] data) {
        try {
            MsgProto msg = MsgProto.parseFrom(data);
            if (msg.getSequence() != sequence) {
                throw new StoreException(StoreException.Reason.CORRUPT, "stream " + name + " of channel \"" + channel
                        + "\": message " + sequence + " says it is " + msg.getSequence());
            }
            return msg;
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "stream " + name + " of channel \"" + channel
                    + "\": message " + sequence + " does not decode: " + e.getMessage(), e);
        }
    }
}
