package io.natsjms.store.jetstream;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.jetstream.pb.PreparedChunks;
import io.natsjms.store.jetstream.pb.PreparedEntry;
import io.nats.client.NUID;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The prepared transaction branches of the JetStream store, kept the way {@link JetStreamMessageSchedule}
 * keeps the scheduled messages: all in memory, each one an entry {@code ptx.K} of the state bucket
 * (K: the Xid, see {@link #key}), written and fenced by the next commit like every other entry. Two
 * things differ:
 * <ul>
 * <li>A branch may be larger than one entry can be (the provider sends a large branch in several
 * requests). Its bytes then go to chunk entries {@code ptxc.K.G.i} of a new generation G, written
 * before the entry that names them; the chunks of the replaced generation are deleted after it. A
 * commit that stops in between leaves chunks nobody names, which recovery deletes.</li>
 * <li>Its entries are written after every other entry of a commit ({@link Changes#putLast}): a commit
 * that applies a branch stores its messages, then its acknowledgements, then its removal, so a commit
 * that stops in between still has the branch. Recovery then takes every send out of the branch whose
 * message its channel already holds ({@link #recoveredInChannel}), so that the transaction manager's
 * repeated commit stores each message once.</li>
 * </ul>
 */
final class JetStreamPreparedTransactions implements PreparedTransactions {

    private static final System.Logger LOG = System.getLogger(JetStreamPreparedTransactions.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    /** The prefix of the branches' keys in the state bucket. */
    static final String KEY_PREFIX = "ptx.";
    /** The prefix of the chunk entries of large branches. */
    static final String CHUNK_PREFIX = "ptxc.";

    private final StoreGuard guard;
    private final Changes changes;
    private final int chunkBytes;
    /** Branches by key; guarded by this. */
    private final Map<String, PreparedTx> branches = new HashMap<>();
    /** The chunk keys in the bucket (or about to be) of each chunked branch, by branch key; guarded by this. */
    private final Map<String, List<String>> chunks = new HashMap<>();
    /** At recovery only: the branches sending a message, by {@code channel + " " + guid}; guarded by this. */
    private final Map<String, List<String>> sendsByGuid = new HashMap<>();

    /**
     * @param chunkBytes the largest value of one entry; a larger branch is cut into chunks of this size
     */
    JetStreamPreparedTransactions(StoreGuard guard, Changes changes, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes: " + chunkBytes + " (expected: > 0)");
        }
        this.guard = guard;
        this.changes = changes;
        this.chunkBytes = chunkBytes;
    }

    /** The state bucket key of a branch: {@code ptx.} and the Xid as format_global_branch, in hex. */
    static String key(BranchId id) {
        Objects.requireNonNull(id, "id");
        return KEY_PREFIX + Integer.toHexString(id.getFormatId()) + "_" + HEX.formatHex(id.getGlobalId().toByteArray())
                + "_" + HEX.formatHex(id.getBranchId().toByteArray());
    }

    /**
     * Brings back the branches the bucket holds (at opening), and deletes (at the next commit) chunk
     * entries no branch names.
     *
     * @param stored key → value of every {@code ptx.} and {@code ptxc.} entry of the bucket
     * @throws io.natsjms.store.StoreException {@code CORRUPT} naming the key of a branch that cannot be
     *         read back whole; nothing is changed then
     */
    synchronized void restore(Map<String, byte[]> stored, String bucket) {
        PreparedRecords records = new PreparedRecords(stored, bucket);
        for (String key : stored.keySet()) {
            if (key.startsWith(KEY_PREFIX)) {
                PreparedRecords.Read read = records.read(key);
                branches.put(key, read.tx());
                if (!read.chunkKeys().isEmpty()) {
                    chunks.put(key, read.chunkKeys());
                }
            }
        }
        for (String orphan : records.unnamedChunks()) {
            LOG.log(Level.INFO, "deleting chunk entry {0} of bucket {1}: no prepared branch names it (a commit"
                    + " stopped after writing it)", orphan, bucket);
            changes.putLast(orphan, null);
        }
        for (Map.Entry<String, PreparedTx> branch : branches.entrySet()) {
            for (PreparedSend send : branch.getValue().getSendsList()) {
                sendsByGuid.computeIfAbsent(send.getChannel() + " " + send.getGuid(), k -> new ArrayList<>())
                        .add(branch.getKey());
            }
        }
    }

    @Override
    public synchronized void put(PreparedTx tx) {
        PreparedTransactions.validate(tx);
        guard.checkWritable();
        String key = key(tx.getId());
        branches.put(key, tx);
        write(key, tx);
    }

    /** Records the entries of {@code tx}: its chunks if it needs them, the entry, then the end of the old chunks. */
    private void write(String key, PreparedTx tx) {
        byte[] raw = tx.toByteArray();
        List<String> old = chunks.remove(key);
        if (raw.length <= chunkBytes) {
            changes.putLast(key, PreparedEntry.newBuilder().setTx(ByteString.copyFrom(raw)).build().toByteArray());
        } else {
            String generation = NUID.nextGlobal();
            List<String> keys = new ArrayList<>();
            for (int offset = 0, i = 0; offset < raw.length; offset += chunkBytes, i++) {
                String chunkKey = CHUNK_PREFIX + key.substring(KEY_PREFIX.length()) + "." + generation + "." + i;
                byte[] part = java.util.Arrays.copyOfRange(raw, offset, Math.min(raw.length, offset + chunkBytes));
                changes.putLast(chunkKey, part);
                keys.add(chunkKey);
            }
            CRC32C crc = new CRC32C();
            crc.update(raw);
            changes.putLast(key, PreparedEntry.newBuilder().setChunks(PreparedChunks.newBuilder()
                    .setGeneration(generation).setCount(keys.size()).setSize(raw.length)
                    .setCrc32C((int) crc.getValue())).build().toByteArray());
            chunks.put(key, keys);
        }
        deleteChunks(old);
    }

    private void deleteChunks(List<String> keys) {
        if (keys != null) {
            keys.forEach(k -> changes.putLast(k, null));
        }
    }

    @Override
    public synchronized Optional<PreparedTx> get(BranchId id) {
        guard.checkOpen();
        return Optional.ofNullable(branches.get(key(id)));
    }

    @Override
    public synchronized boolean remove(BranchId id) {
        guard.checkWritable();
        String key = key(id);
        if (branches.remove(key) == null) {
            return false;
        }
        changes.putLast(key, null);
        deleteChunks(chunks.remove(key));
        return true;
    }

    @Override
    public List<PreparedTx> all() {
        List<PreparedTx> all;
        synchronized (this) {
            guard.checkOpen();
            all = new ArrayList<>(branches.values());
        }
        all.sort(PREPARE_ORDER);
        return all;
    }

    /** Whether a branch sends to {@code channel} (at recovery: whether its messages need to be shown here). */
    synchronized boolean hasSendsOn(String channel) {
        return sendsByGuid.keySet().stream().anyMatch(k -> k.startsWith(channel + " "));
    }

    /**
     * At recovery, one message {@code channel} holds: if it is a send of a branch that is still here
     * (its guid in field {@value JetStreamMessageSchedule#GUID_FIELD}, a timestamp not before the
     * branch was prepared), the commit that applied the branch stored the message but not the
     * branch's removal. The send is taken out of the branch (written by the next commit), so that the
     * transaction manager's repeated commit does not store it again.
     *
     * @return whether a send was taken out
     */
    synchronized boolean recoveredInChannel(String channel, MsgProto msg) {
        List<ByteString> guids = msg.getUnknownFields().getField(JetStreamMessageSchedule.GUID_FIELD)
                .getLengthDelimitedList();
        if (guids.isEmpty()) {
            return false;
        }
        String guid = guids.get(0).toStringUtf8();
        List<String> keys = sendsByGuid.get(channel + " " + guid);
        if (keys == null) {
            return false;
        }
        for (String key : keys) {
            PreparedTx tx = branches.get(key);
            if (tx == null || msg.getTimestamp() < tx.getPreparedAt()) {
                continue;
            }
            for (int i = 0; i < tx.getSendsCount(); i++) {
                PreparedSend send = tx.getSends(i);
                if (send.getChannel().equals(channel) && send.getGuid().equals(guid)) {
                    PreparedTx mended = tx.toBuilder().removeSends(i).build();
                    branches.put(key, mended);
                    write(key, mended);
                    LOG.log(Level.WARNING, "prepared branch {0}: its send {1} is already message {2} of channel"
                            + " \"{3}\" (a commit stopped after storing its messages); taken out of the branch so that"
                            + " its commit stores it once", key, guid, msg.getSequence(), channel);
                    return true;
                }
            }
        }
        return false;
    }

    /** Recovery is over: the guid index is not needed any more. */
    synchronized void recoveryDone() {
        sendsByGuid.clear();
    }

    /** How many branches there are. */
    synchronized int size() {
        return branches.size();
    }
}
