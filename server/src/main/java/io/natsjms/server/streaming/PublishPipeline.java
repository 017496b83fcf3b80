package io.natsjms.server.streaming;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes, group-committed: valid publishes queue up in a batch that is stored, committed once,
 * delivered, and only then acknowledged, so that a PubAck always means "committed". A batch whose
 * commit fails was undone by the store (no sequence used, nothing delivered): each of its publishers
 * gets a PubAck with the store's public error text (never a file name; the log gets the details),
 * and the next batch simply tries again, so writes resume by themselves once the disk has room.
 * A batch holds
 * whatever arrived while the previous one was being written, up to {@link #MAX_BATCH}. Owned by the
 * engine loop.
 */
final class PublishPipeline implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(PublishPipeline.class.getName());

    /** The most publishes in one commit (the original server's io_batch_size). */
    static final int MAX_BATCH = 1024;

    /**
     * The most bytes the fields set at delivery add to a stored message: sequence, redelivered flag and
     * redelivery count, each with its tag.
     */
    private static final int DELIVERY_FIELDS_MAX_SIZE = 11 + 2 + 6;

    private record Pending(PubMsg msg, String replyTo) {
    }

    private final EngineLoop loop;
    private final Transport transport;
    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final EngineStats stats;
    private final Delivery delivery;
    private final Inactivity inactivity;
    private final MessageExpiry expiry;
    private final List<Pending> batch = new ArrayList<>();
    private boolean flushQueued;

    PublishPipeline(EngineLoop loop, Transport transport, ClientRegistry clients, ChannelRegistry channels,
                    Commits commits, EngineStats stats, Delivery delivery, Inactivity inactivity,
                    MessageExpiry expiry) {
        this.loop = loop;
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.stats = stats;
        this.delivery = delivery;
        this.inactivity = inactivity;
        this.expiry = expiry;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        stats.inMsgs++;
        stats.inBytes += data.length;
        PubMsg msg;
        try {
            msg = Codec.decode(PubMsg.parser(), data, "PubMsg", subject);
        } catch (ProtocolException e) {
            pubAck(replyTo, "", ProtocolErrors.INVALID_PUBLISH_REQUEST);
            return;
        }
        if (msg.getGuid().isEmpty() || !validChannel(msg.getSubject()) || !knownPublisher(msg)) {
            pubAck(replyTo, msg.getGuid(), ProtocolErrors.INVALID_PUBLISH_REQUEST);
            return;
        }
        batch.add(new Pending(msg, replyTo));
        if (batch.size() >= MAX_BATCH) {
            flush();
        } else if (!flushQueued) {
            flushQueued = true;
            loop.execute(this::flush);
        }
    }

    /** A channel that exists was validated when it was created. */
    private boolean validChannel(String name) {
        return channels.get(name) != null || ChannelNames.isValid(name);
    }

    private boolean knownPublisher(PubMsg msg) {
        Client client = msg.getConnID().isEmpty()
                ? clients.byId(msg.getClientID())
                : clients.byConnId(msg.getConnID());
        return client != null && client.id().equals(msg.getClientID());
    }

    /** Stores, commits, delivers and acknowledges every queued publish. */
    void flush() {
        flushQueued = false;
        if (batch.isEmpty()) {
            return;
        }
        List<Pending> publishes = new ArrayList<>(batch);
        batch.clear();
        String[] errors = new String[publishes.size()];
        Set<Channel> touched = new LinkedHashSet<>();
        for (int i = 0; i < publishes.size(); i++) {
            errors[i] = store(publishes.get(i).msg(), touched);
        }
        try {
            commits.commitNow();
        } catch (StoreException e) {
            // the store undid the batch (no sequence used); the publishers get an error and may retry
            LOG.log(Level.ERROR, "commit of " + publishes.size() + " publishes failed: " + e.getMessage(), e);
            for (int i = 0; i < errors.length; i++) {
                errors[i] = errors[i] != null ? errors[i] : e.publicMessage();
            }
        }
        for (Channel channel : touched) {
            // the batch's messages are committed: whatever goes wrong for one channel must not keep
            // the other channels' messages from their subscribers nor any publisher from its PubAck
            try {
                delivery.deliverNew(channel);
                inactivity.check(channel);
                expiry.check(channel);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "delivery of new messages on \"" + channel.name + "\" failed: "
                        + e.getMessage(), e);
            }
        }
        for (int i = 0; i < publishes.size(); i++) {
            pubAck(publishes.get(i).replyTo(), publishes.get(i).msg().getGuid(), errors[i]);
        }
    }

    /** Appends one publish; returns the wire error, or {@code null} once stored. */
    private String store(PubMsg msg, Set<Channel> touched) {
        MsgProto stored = MsgProto.newBuilder()
                .setSubject(msg.getSubject())
                .setReply(msg.getReply())
                .setData(msg.getData())
                .setTimestamp(Engine.wallNanos())
                .build();
        long deliverySize = stored.getSerializedSize() + DELIVERY_FIELDS_MAX_SIZE;
        if (deliverySize > transport.maxPayload()) {
            LOG.log(Level.WARNING, () -> "publish on \"" + msg.getSubject() + "\" refused: its delivery would be "
                    + deliverySize + " bytes (expected: at most the NATS max payload, " + transport.maxPayload()
                    + ")");
            return ProtocolErrors.MESSAGE_TOO_LARGE;
        }
        try {
            Channel channel = channels.getOrCreate(msg.getSubject());
            channel.store.messages().append(stored);
            touched.add(channel);
            return null;
        } catch (RequestRejected e) {
            return e.wireError();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "store of a message on \"" + msg.getSubject() + "\" failed: " + e.getMessage(), e);
            return e.publicMessage();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "store of a message on \"" + msg.getSubject() + "\" failed: " + e, e);
            return ProtocolErrors.STORE_FAILED;
        }
    }

    private void pubAck(String replyTo, String guid, String error) {
        if (replyTo == null || replyTo.isEmpty()) {
            return;
        }
        PubAck.Builder ack = PubAck.newBuilder().setGuid(guid);
        if (error != null) {
            ack.setError(error);
        }
        transport.publish(replyTo, ack.build().toByteArray());
    }
}
