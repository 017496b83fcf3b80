package io.natsjms.store.jetstream;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ScheduledMsg;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduled messages of the JetStream store: all held in memory, each one also an entry of the
 * state bucket under {@code sched.K}, where {@code K} is the channel name and guid, separated by a
 * space, in unpadded URL-safe Base64 (a guid may hold characters a key may not). A put or removal is
 * recorded in {@link Changes} and written, fenced like every other entry, by the next commit. A commit
 * that moves a due message writes the message before the removal; recovery mends one that stopped in
 * between ({@link #recoveredInChannel}).
 */
final class JetStreamMessageSchedule implements MessageSchedule {

    /**
     * The field of a stored {@code MsgProto} in which the server keeps the publish guid (for its
     * duplicate window); not part of the STAN schema, so an unknown field here.
     */
    static final int GUID_FIELD = 1000;

    /** The prefix of the schedule's keys in the state bucket. */
    static final String KEY_PREFIX = "sched.";

    private final StoreGuard guard;
    private final Changes changes;
    /** Entries by key; guarded by this. */
    private final Map<String, ScheduledMsg> entries = new HashMap<>();

    JetStreamMessageSchedule(StoreGuard guard, Changes changes) {
        this.guard = guard;
        this.changes = changes;
    }

    /** The state bucket key of the entry of {@code channel} with {@code guid}. */
    static String key(String channel, String guid) {
        String both = Objects.requireNonNull(channel, "channel") + " " + Objects.requireNonNull(guid, "guid");
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(both.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Brings back the entries the bucket holds (at opening).
     *
     * @param stored key → value of every {@code sched.} entry of the bucket
     * @throws StoreException {@code CORRUPT} naming the key of an entry that does not decode
     */
    synchronized void restore(Map<String, byte[]> stored, String bucket) {
        for (Map.Entry<String, byte[]> entry : stored.entrySet()) {
            try {
                ScheduledMsg msg = ScheduledMsg.parseFrom(entry.getValue());
                entries.put(key(msg.getChannel(), msg.getGuid()), msg);
            } catch (InvalidProtocolBufferException e) {
                throw new StoreException(StoreException.Reason.CORRUPT, "scheduled message \"" + entry.getKey()
                        + "\" of bucket " + bucket + " does not decode: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void put(ScheduledMsg msg) {
        MessageSchedule.validate(msg);
        guard.checkWritable();
        String key = key(msg.getChannel(), msg.getGuid());
        entries.put(key, msg);
        changes.put(key, msg.toByteArray());
    }

    @Override
    public synchronized Optional<ScheduledMsg> get(String channel, String guid) {
        guard.checkOpen();
        return Optional.ofNullable(entries.get(key(channel, guid)));
    }

    @Override
    public synchronized boolean remove(String channel, String guid) {
        guard.checkWritable();
        String key = key(channel, guid);
        if (entries.remove(key) == null) {
            return false;
        }
        changes.put(key, null);
        return true;
    }

    @Override
    public List<ScheduledMsg> all() {
        List<ScheduledMsg> all;
        synchronized (this) {
            guard.checkOpen();
            all = new ArrayList<>(entries.values());
        }
        all.sort(DUE_ORDER);
        return all;
    }

    /**
     * Whether {@code channel} has entries at all (at recovery: whether its messages need to be shown to
     * {@link #recoveredInChannel}).
     */
    synchronized boolean hasEntriesOf(String channel) {
        return entries.values().stream().anyMatch(msg -> msg.getChannel().equals(channel));
    }

    /**
     * At recovery, one message {@code channel} holds: if it is the due move of an entry that is still
     * here (its guid in field {@value #GUID_FIELD} and a timestamp not before the entry's due time), the
     * commit that moved it stored the message but not the removal; the entry is removed now (written by
     * the next commit), so that the message is in one place, not delivered twice.
     *
     * @return whether an entry was removed
     */
    synchronized boolean recoveredInChannel(String channel, MsgProto msg) {
        List<ByteString> guids = msg.getUnknownFields().getField(GUID_FIELD).getLengthDelimitedList();
        if (guids.isEmpty()) {
            return false;
        }
        String key = key(channel, guids.get(0).toStringUtf8());
        ScheduledMsg entry = entries.get(key);
        if (entry == null || msg.getTimestamp() < entry.getDueTime()) {
            return false;
        }
        entries.remove(key);
        changes.put(key, null);
        return true;
    }

    /** How many entries there are. */
    synchronized int size() {
        return entries.size();
    }
}
