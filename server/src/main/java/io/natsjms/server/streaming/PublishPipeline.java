package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.Appended;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.NewMessage;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ScheduledMsg;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes, group-committed: valid publishes queue up in a batch that is stored, committed once,
 * delivered, and only then acknowledged, so that a PubAck always means "committed". A publish whose
 * guid is in the duplicate window ({@link PublishIds}) is acknowledged with the batch but not stored
 * again. Scheduled messages that became due ({@link #storeDue}) join a batch too: each is appended to
 * its channel and removed from the store's schedule before the same commit. A batch whose
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

    /** A publish ({@code msg}, acknowledged to {@code replyTo}), or a scheduled message that is due. */
    private record Pending(Publish msg, String replyTo, ScheduledMsg due) {

        String channel() {
            return due == null ? msg.subject() : due.getChannel();
        }

        String guid() {
            return due == null ? msg.guid() : due.getGuid();
        }
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
    private final PublishIds ids;
    private final MessageSchedule schedule;
    private final List<Pending> batch = new ArrayList<>();
    private boolean flushQueued;

    PublishPipeline(EngineLoop loop, Transport transport, ClientRegistry clients, ChannelRegistry channels,
                    Commits commits, EngineStats stats, Delivery delivery, Inactivity inactivity,
                    MessageExpiry expiry, PublishIds ids, MessageSchedule schedule) {
        this.loop = loop;
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.stats = stats;
        this.delivery = delivery;
        this.inactivity = inactivity;
        this.expiry = expiry;
        this.ids = ids;
        this.schedule = schedule;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        stats.inMsgs++;
        stats.inBytes += data.length;
        Publish msg;
        try {
            msg = PublishDecoder.decode(data, subject);
        } catch (ProtocolException e) {
            pubAck(replyTo, "", ProtocolErrors.INVALID_PUBLISH_REQUEST);
            return;
        }
        if (msg.guid().isEmpty() || !validChannel(msg.subject())
                || !knownPublisher(clients, msg.clientId(), msg.connId())) {
            pubAck(replyTo, msg.guid(), ProtocolErrors.INVALID_PUBLISH_REQUEST);
            return;
        }
        batch.add(new Pending(msg, replyTo, null));
        if (batch.size() >= MAX_BATCH) {
            startBatch();
        } else if (!flushQueued) {
            flushQueued = true;
            loop.execute(this::startBatch);
        }
    }

    /** A channel that exists was validated when it was created. */
    static boolean validChannel(ChannelRegistry channels, String name) {
        return channels.get(name) != null || ChannelNames.isValid(name);
    }

    private boolean validChannel(String name) {
        return validChannel(channels, name);
    }

    static boolean knownPublisher(ClientRegistry clients, PubMsg msg) {
        return knownPublisher(clients, msg.getClientID(), msg.getConnID());
    }

    /** Whether the publisher is a connected client: found by its connection ID if it sent one, else by its ID. */
    private static boolean knownPublisher(ClientRegistry clients, String clientId, ByteString connId) {
        Client client = connId.isEmpty() ? clients.byId(clientId) : clients.byConnId(connId);
        return client != null && client.id().equals(clientId);
    }

    /**
     * Stores {@code due} (scheduled messages whose time has come) with the publishes waiting now, in
     * one commit.
     *
     * @return those of {@code due} that are still scheduled (their channel could not take them, or the
     *         commit failed); the caller tries them again later
     */
    List<ScheduledMsg> storeDue(List<ScheduledMsg> due) {
        commits.finishInFlight();
        for (ScheduledMsg msg : due) {
            batch.add(new Pending(null, null, msg));
        }
        return flush();
    }

    /**
     * Stores the queued publishes and starts their commit, unless a commit is in flight (its end
     * starts the next batch). The batch is delivered and acknowledged once the commit is durable;
     * meanwhile its messages are held back from subscribers ({@link Channel#heldFrom}), and the
     * engine goes on with other work and collects the next batch.
     */
    private void startBatch() {
        if (commits.inFlight()) {
            flushQueued = true; // the commit's end starts the batch: no task is needed until then
            return;
        }
        flushQueued = false;
        if (batch.isEmpty()) {
            return;
        }
        Stored stored = storeBatch(true);
        commits.commitThen(failed -> {
            complete(stored, failed);
            startBatch();
        });
    }

    /**
     * Stores, commits, delivers and acknowledges every queued publish, and finishes a batch whose
     * commit is in flight first; returns once all of it is done.
     *
     * @return the due scheduled messages of the batch that were not stored
     */
    List<ScheduledMsg> flush() {
        commits.finishInFlight();
        flushQueued = false;
        if (batch.isEmpty()) {
            return List.of();
        }
        Stored stored = storeBatch(false);
        StoreException failed = null;
        try {
            commits.commitNow();
        } catch (StoreException e) {
            failed = e;
        }
        return complete(stored, failed);
    }

    /** A batch appended to the store, not yet committed: its publishes, their errors so far, the channels. */
    private record Stored(List<Pending> publishes, String[] errors, boolean[] stored, Set<Channel> touched) {
    }

    /**
     * Appends every queued publish (a duplicate is acknowledged with the batch but not stored again).
     * With {@code holdBack}, each channel's new messages are held back from subscribers until the
     * commit's outcome is known.
     */
    private Stored storeBatch(boolean holdBack) {
        List<Pending> publishes = new ArrayList<>(batch);
        batch.clear();
        String[] errors = new String[publishes.size()];
        boolean[] stored = new boolean[publishes.size()];
        Set<Channel> touched = new LinkedHashSet<>();
        long now = Engine.wallNanos();
        for (int i = 0; i < publishes.size(); i++) {
            Pending p = publishes.get(i);
            if (p.due() == null && ids.enabled() && ids.contains(p.channel(), p.guid(), now)) {
                stats.duplicates++;
                continue; // stored before: acknowledged with this batch, once it is committed
            }
            errors[i] = store(p, touched, holdBack);
            stored[i] = errors[i] == null;
        }
        return new Stored(publishes, errors, stored, touched);
    }

    /**
     * Ends a batch once its commit succeeded ({@code failed} null) or failed: delivers and
     * acknowledges it, or gives every publisher the store's error.
     *
     * @return the due scheduled messages of the batch that were not stored
     */
    private List<ScheduledMsg> complete(Stored batchStored, StoreException failed) {
        List<Pending> publishes = batchStored.publishes();
        String[] errors = batchStored.errors();
        Set<Channel> touched = batchStored.touched();
        if (failed != null) {
            // a failed write was undone by the store (no sequence used); a failed force stopped the store.
            // Either way the publishers get an error and may retry, and nothing of the batch is delivered.
            LOG.log(Level.ERROR, "commit of " + publishes.size() + " publishes failed: " + failed.getMessage(), failed);
            for (int i = 0; i < errors.length; i++) {
                errors[i] = errors[i] != null ? errors[i] : failed.publicMessage();
                undo(publishes.get(i), batchStored.stored()[i]);
            }
            touched.clear();
        } else {
            for (Channel channel : touched) {
                channel.heldFrom = 0;
            }
        }
        List<ScheduledMsg> notStored = new ArrayList<>();
        for (int i = 0; i < publishes.size(); i++) {
            Pending p = publishes.get(i);
            if (p.due() != null && (errors[i] != null || !batchStored.stored()[i])) {
                notStored.add(p.due());
            }
        }
        deliverStored(touched);
        for (int i = 0; i < publishes.size(); i++) {
            Pending p = publishes.get(i);
            if (p.due() == null) {
                pubAck(p.replyTo(), p.guid(), errors[i]);
            }
        }
        return notStored;
    }

    /**
     * After a failed commit: the store dropped the appended messages but keeps every other change for
     * the next commit, so a due message's removal from the schedule is undone by putting it back.
     */
    private void undo(Pending p, boolean stored) {
        if (!stored) {
            return;
        }
        ids.remove(p.channel(), p.guid());
        if (p.due() != null) {
            try {
                schedule.put(p.due());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "scheduled message " + p.guid() + " on \"" + p.channel() + "\" could not be"
                        + " put back after a failed commit: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Offers the committed messages of {@code touched} channels to their subscribers. The messages are
     * committed: whatever goes wrong for one channel must not keep the other channels' messages from
     * their subscribers nor any publisher from its PubAck.
     */
    void deliverStored(Collection<Channel> touched) {
        for (Channel channel : touched) {
            try {
                delivery.deliverNew(channel);
                inactivity.check(channel);
                expiry.check(channel);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "delivery of new messages on \"" + channel.name + "\" failed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Appends one publish or due message; returns the wire error, or {@code null} once stored. */
    private String store(Pending p, Set<Channel> touched, boolean holdBack) {
        String error = p.due() == null
                ? append(p.channel(), p.guid(), p.msg().reply(), p.msg().data(), touched, holdBack)
                : append(p.channel(), p.guid(), p.due().getReply(), p.due().getData(), touched, holdBack);
        if (error != null || p.due() == null) {
            return error;
        }
        try {
            schedule.remove(p.channel(), p.guid());
            return null;
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "removing due message " + p.guid() + " of \"" + p.channel() + "\" from the"
                    + " schedule failed: " + e.getMessage(), e);
            return e.publicMessage();
        }
    }

    /**
     * Appends a message to its channel (created if needed) as a publish of this moment, with its guid
     * in the duplicate window, and adds the channel to {@code touched}; nothing is committed. Returns
     * the wire error, or {@code null} once stored.
     */
    String append(String channelName, String guid, String reply, ByteString data, Set<Channel> touched) {
        return append(channelName, guid, reply, data, touched, false);
    }

    /** {@link #append(String, String, String, ByteString, Set)}, holding the message back from subscribers if asked. */
    private String append(String channelName, String guid, String reply, ByteString data, Set<Channel> touched,
                          boolean holdBack) {
        // as the store keeps it (a timestamp of now), so that the store writes it without building a MsgProto
        NewMessage msg = asStored(channelName, guid, reply, data, Engine.wallNanos());
        String tooLarge = sizeProblem(msg);
        if (tooLarge != null) {
            return tooLarge;
        }
        try {
            Channel channel = channels.getOrCreate(channelName);
            Appended stored = channel.store.messages().append(msg);
            if (holdBack && channel.heldFrom == 0) {
                channel.heldFrom = stored.sequence();
            }
            ids.add(channelName, guid, stored.timestampNanos());
            touched.add(channel);
            return null;
        } catch (RequestRejected e) {
            return e.wireError();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "store of a message on \"" + channelName + "\" failed: " + e.getMessage(), e);
            return e.publicMessage();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "store of a message on \"" + channelName + "\" failed: " + e, e);
            return ProtocolErrors.STORE_FAILED;
        }
    }

    /** A publish as the store keeps it: with its guid in {@link PublishIds#GUID_FIELD} when the duplicate window keeps them. */
    private NewMessage asStored(String channel, String guid, String reply, ByteString data, long timestampNanos) {
        return ids.enabled()
                ? NewMessage.withExtraField(channel, reply, data, timestampNanos, PublishIds.GUID_FIELD, guid)
                : NewMessage.of(channel, reply, data, timestampNanos);
    }

    /**
     * {@link #sizeProblem(NewMessage)} of a message as it would be stored at any time: with the largest
     * timestamp, and with its guid when the duplicate window keeps them.
     */
    String sizeProblemWhenStored(String channel, String guid, String reply, ByteString data) {
        return sizeProblem(asStored(channel, guid, reply, data, Long.MAX_VALUE));
    }

    /**
     * {@link ProtocolErrors#MESSAGE_TOO_LARGE} if {@code msg}'s delivery would pass the NATS max payload:
     * its size with its timestamp and without a sequence, plus the delivery fields at their largest.
     */
    String sizeProblem(NewMessage msg) {
        long deliverySize = (long) msg.serializedSize(0, msg.timestamp()) + DELIVERY_FIELDS_MAX_SIZE;
        if (deliverySize > transport.maxPayload()) {
            LOG.log(Level.WARNING, () -> "message on \"" + msg.subject() + "\" refused: its delivery would be "
                    + deliverySize + " bytes (expected: at most the NATS max payload, " + transport.maxPayload()
                    + ")");
            return ProtocolErrors.MESSAGE_TOO_LARGE;
        }
        return null;
    }

    void pubAck(String replyTo, String guid, String error) {
        if (replyTo == null || replyTo.isEmpty()) {
            return;
        }
        transport.publish(replyTo, PubAckEncoder.encode(guid, error));
    }
}
