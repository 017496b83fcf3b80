package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The duplicate window: the publish IDs ({@code guid}s) stored per channel within the last
 * {@code dup_window}, so that a publish repeated with the same guid (a client's retry after a lost
 * PubAck) is acknowledged without being stored again. Official clients use a fresh NUID per publish and
 * are never affected.
 *
 * <p>The window outlives a restart without a store record of its own: each stored message carries its
 * guid in field {@value #GUID_FIELD} of its {@code MsgProto}, a field the STAN schema does not have (stores
 * keep unknown fields; subscribers receive it and skip it), and {@link #rebuild} reads back the messages
 * of the last window. Per publish the cost is a hash lookup and insert, and about 25 bytes in the store.
 *
 * <p>Each channel's window is a {@link GuidWindow}: guid fingerprints in a primitive hash table plus
 * a FIFO ring of the guids in the order they were stored, which is timestamp order (a channel's
 * timestamps never go back), so expired ones are dropped from the head. Owned by the engine loop.
 */
final class PublishIds {

    private static final System.Logger LOG = System.getLogger(PublishIds.class.getName());

    /** The field of a stored {@code MsgProto} that holds the publish ID. */
    static final int GUID_FIELD = 1000;

    private final long windowNanos;
    private final ToLongFunction<String> fingerprints;
    /** Per channel: the guids stored within the window. */
    private final Map<String, GuidWindow> byChannel = new HashMap<>();
    /** When {@link #sweep} last ran (Unix ns). */
    private long lastSweep = Engine.wallNanos();
    /**
     * The guid last fingerprinted and its fingerprint: a publish is looked up and then added with the
     * same string, so it is hashed once.
     */
    private String lastGuid;
    private long lastPrint;

    PublishIds(Duration window) {
        this(window, GuidWindow::fingerprint);
    }

    /** With the fingerprint function given (tests force collisions with it). */
    PublishIds(Duration window, ToLongFunction<String> fingerprints) {
        this.windowNanos = window.toNanos();
        this.fingerprints = fingerprints;
    }

    boolean enabled() {
        return windowNanos > 0;
    }

    /** Whether {@code guid} was stored on {@code channel} within the window before {@code nowNanos}. */
    boolean contains(String channel, String guid, long nowNanos) {
        GuidWindow ids = byChannel.get(channel);
        if (ids == null) {
            return false;
        }
        long oldest = nowNanos - windowNanos;
        ids.dropExpired(oldest);
        return ids.contains(guid, fingerprintOf(guid), oldest);
    }

    /**
     * Remembers that {@code guid} was stored on {@code channel} with this timestamp. Once per window this
     * also sweeps the expired entries of every channel, so that a channel nobody publishes to any more
     * does not hold its last window for ever.
     */
    void add(String channel, String guid, long timestampNanos) {
        if (!enabled()) {
            return;
        }
        GuidWindow ids = byChannel.get(channel);
        if (ids == null) {
            ids = new GuidWindow(fingerprints);
            byChannel.put(channel, ids);
        } else {
            ids.dropExpired(timestampNanos - windowNanos);
        }
        ids.add(guid, fingerprintOf(guid), timestampNanos);
        if (timestampNanos - lastSweep > windowNanos) {
            sweep(timestampNanos);
            lastSweep = timestampNanos;
        }
    }

    /** Forgets {@code guid} (its message was not stored after all: the commit failed). */
    void remove(String channel, String guid) {
        GuidWindow ids = byChannel.get(channel);
        if (ids != null) {
            ids.remove(guid);
        }
    }

    /** Drops every expired entry of every channel (a periodic sweep, for channels nobody publishes to). */
    void sweep(long nowNanos) {
        long oldest = nowNanos - windowNanos;
        byChannel.values().removeIf(ids -> {
            ids.dropExpired(oldest);
            return ids.isEmpty();
        });
    }

    /** The number of guids held for {@code channel} (expired ones until they are dropped). */
    int size(String channel) {
        GuidWindow ids = byChannel.get(channel);
        return ids == null ? 0 : ids.size();
    }

    /** The number of channels that hold guids. */
    int channels() {
        return byChannel.size();
    }

    private long fingerprintOf(String guid) {
        if (guid != lastGuid) {
            lastPrint = fingerprints.applyAsLong(guid);
            lastGuid = guid;
        }
        return lastPrint;
    }

    /**
     * Fills the window from the messages of {@code channels} stored within it (after a restart): every
     * message from the first one at or after now minus the window, with its guid.
     */
    void rebuild(Iterable<Channel> channels, long nowNanos) {
        if (!enabled()) {
            return;
        }
        long started = System.nanoTime();
        int found = 0;
        for (Channel channel : channels) {
            MessageStore log = channel.store.messages();
            long last = log.lastSequence();
            for (long seq = log.sequenceAtOrAfter(nowNanos - windowNanos); seq <= last; seq++) {
                MsgProto msg = log.lookup(seq);
                String guid = msg == null ? null : guidOf(msg);
                if (guid != null) {
                    add(channel.name, guid, msg.getTimestamp());
                    found++;
                }
            }
        }
        int total = found;
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(total == 0 ? Level.DEBUG : Level.INFO, () -> "duplicate window: read back " + total
                + " publish IDs of messages stored in the last " + windowNanos / 1_000_000_000 + " s, in " + millis + " ms");
    }

    /** The guid a stored message carries, or {@code null}. */
    static String guidOf(MsgProto msg) {
        UnknownFieldSet.Field field = msg.getUnknownFields().getField(GUID_FIELD);
        List<ByteString> values = field == null ? List.of() : field.getLengthDelimitedList();
        return values.isEmpty() ? null : values.get(values.size() - 1).toStringUtf8();
    }
}
