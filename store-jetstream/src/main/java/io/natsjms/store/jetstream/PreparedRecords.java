package io.natsjms.store.jetstream;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.StoreException;
import io.natsjms.store.jetstream.pb.PreparedChunks;
import io.natsjms.store.jetstream.pb.PreparedEntry;
import io.natsjms.store.spb.PreparedTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads the prepared branches back from the entries of the state bucket (at opening), checking each:
 * its entry decodes, its chunks are all there with the size and checksum the entry names, the bytes
 * decode to a branch, and the branch is the one its key names. A branch that fails a check is never
 * left out silently: the open is refused ({@code CORRUPT}) naming the entry and what to do.
 */
final class PreparedRecords {

    /** A branch read back, with the chunk entries it was read from (empty if it was one entry). */
    record Read(PreparedTx tx, List<String> chunkKeys) {
    }

    private final Map<String, byte[]> stored;
    private final String bucket;
    private final Set<String> named = new HashSet<>();

    /** @param stored key → value of every {@code ptx.} and {@code ptxc.} entry of the bucket */
    PreparedRecords(Map<String, byte[]> stored, String bucket) {
        this.stored = stored;
        this.bucket = bucket;
    }

    /** Reads the branch of entry {@code key}. */
    Read read(String key) {
        PreparedEntry entry;
        try {
            entry = PreparedEntry.parseFrom(stored.get(key));
        } catch (InvalidProtocolBufferException e) {
            throw damaged(key, "the entry does not decode (" + e.getMessage() + ")", e);
        }
        byte[] raw;
        List<String> chunkKeys = new ArrayList<>();
        if (entry.hasChunks()) {
            raw = join(key, entry.getChunks(), chunkKeys);
        } else if (entry.hasTx()) {
            raw = entry.getTx().toByteArray();
        } else {
            throw damaged(key, "the entry holds neither the branch nor its chunks", null);
        }
        PreparedTx tx;
        try {
            tx = PreparedTx.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw damaged(key, "its bytes do not decode as a PreparedTx (" + e.getMessage() + ")", e);
        }
        if (!tx.hasId() || !JetStreamPreparedTransactions.key(tx.getId()).equals(key)) {
            throw damaged(key, "it holds the branch " + (tx.hasId() ? JetStreamPreparedTransactions.key(tx.getId())
                    : "without id"), null);
        }
        return new Read(tx, chunkKeys);
    }

    private byte[] join(String key, PreparedChunks chunks, List<String> chunkKeys) {
        ByteString.Output joined = ByteString.newOutput();
        String base = JetStreamPreparedTransactions.CHUNK_PREFIX + key.substring(JetStreamPreparedTransactions.KEY_PREFIX
                .length()) + "." + chunks.getGeneration() + ".";
        for (int i = 0; i < chunks.getCount(); i++) {
            String chunkKey = base + i;
            byte[] part = stored.get(chunkKey);
            if (part == null) {
                throw damaged(key, "its chunk entry " + chunkKey + " (" + (i + 1) + " of " + chunks.getCount()
                        + ") is missing", null);
            }
            joined.write(part, 0, part.length);
            chunkKeys.add(chunkKey);
            named.add(chunkKey);
        }
        byte[] raw = joined.toByteString().toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(raw);
        if (raw.length != chunks.getSize() || (int) crc.getValue() != chunks.getCrc32C()) {
            throw damaged(key, "its " + chunks.getCount() + " chunks hold " + raw.length + " bytes with CRC32C "
                    + Integer.toHexString((int) crc.getValue()) + " (expected: " + chunks.getSize() + " bytes with "
                    + Integer.toHexString(chunks.getCrc32C()) + ")", null);
        }
        return raw;
    }

    /** The chunk entries no branch read so far names (call after reading every branch). */
    List<String> unnamedChunks() {
        List<String> result = new ArrayList<>();
        for (String key : stored.keySet()) {
            if (key.startsWith(JetStreamPreparedTransactions.CHUNK_PREFIX) && !named.contains(key)) {
                result.add(key);
            }
        }
        return result;
    }

    private StoreException damaged(String key, String why, Throwable cause) {
        return new StoreException(StoreException.Reason.CORRUPT, "prepared transaction branch \"" + key
                + "\" of bucket " + bucket + " cannot be read back: " + why + ". Nothing was changed. The store does"
                + " not start without it, as its transaction would be neither committed nor rolled back; resolve that"
                + " transaction by hand, then delete the entry (nats kv del " + bucket + " " + key + ") to start"
                + " without it", cause);
    }
}
