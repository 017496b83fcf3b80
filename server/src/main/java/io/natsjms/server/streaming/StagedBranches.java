package io.natsjms.server.streaming;

import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.spb.BranchId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transaction branches being built (STAGE requests) and not prepared yet: their sends and acks in
 * memory only. A staged branch ends with its PREPARE, COMMIT_ONE_PHASE or ROLLBACK, or when a client
 * that staged into it goes away (closed, heartbeats missed, replaced): what it staged cannot be
 * completed any more, so the branch is dropped, and its later PREPARE finds no such branch. A restart
 * drops them all. Owned by the engine loop.
 */
final class StagedBranches {

    private static final System.Logger LOG = System.getLogger(StagedBranches.class.getName());

    /**
     * The most payload bytes the staged sends of one branch may hold. Staged content lives in the
     * server's memory until the branch is prepared, so a client must not be able to pin more; a
     * larger branch is refused with XA_RBROLLBACK and dropped.
     */
    static final long MAX_STAGED_BYTES = 64L * 1024 * 1024;
    /** The most sends and acks one staged branch may hold, for the same reason. */
    static final int MAX_STAGED_ENTRIES = 100_000;

    /** What a branch holds so far: its sends and acks in the order they came, and who staged them. */
    record Content(List<PubMsg> sends, List<TxAck> acks, Set<String> clientIds) {

        static Content empty() {
            return new Content(new ArrayList<>(), new ArrayList<>(), new HashSet<>());
        }

        /** This content followed by {@code sends} and {@code acks} of {@code clientId}; this one is unchanged. */
        Content plus(String clientId, List<PubMsg> moreSends, List<TxAck> moreAcks) {
            Content sum = new Content(new ArrayList<>(sends), new ArrayList<>(acks), new HashSet<>(clientIds));
            sum.sends.addAll(moreSends);
            sum.acks.addAll(moreAcks);
            sum.clientIds.add(clientId);
            return sum;
        }

        boolean isEmpty() {
            return sends.isEmpty() && acks.isEmpty();
        }

        /** The payload bytes of the sends. */
        long dataBytes() {
            long bytes = 0;
            for (PubMsg send : sends) {
                bytes += send.getData().size();
            }
            return bytes;
        }
    }

    private final Map<BranchId, Content> byId = new HashMap<>();

    boolean contains(BranchId id) {
        return byId.containsKey(id);
    }

    /** What the branch holds so far; empty content for a branch never staged. */
    Content get(BranchId id) {
        Content content = byId.get(id);
        return content == null ? Content.empty() : content;
    }

    /**
     * Adds sends and acks of {@code clientId} to a branch, creating it.
     *
     * @throws TxRefused XA_RBROLLBACK when the branch would exceed {@link #MAX_STAGED_BYTES} or
     *                   {@link #MAX_STAGED_ENTRIES}; the branch is then dropped
     */
    void stage(BranchId id, String clientId, List<PubMsg> sends, List<TxAck> acks) throws TxRefused {
        Content content = byId.computeIfAbsent(id, unused -> Content.empty());
        content.sends().addAll(sends);
        content.acks().addAll(acks);
        content.clientIds().add(clientId);
        try {
            checkBounds(id, content);
        } catch (TxRefused tooLarge) {
            byId.remove(id);
            throw tooLarge;
        }
    }

    /**
     * Checks that a branch's content stays within the bounds of staged content.
     *
     * @throws TxRefused XA_RBROLLBACK naming the branch, its size and the bound
     */
    static void checkBounds(BranchId id, Content content) throws TxRefused {
        int entries = content.sends().size() + content.acks().size();
        long bytes = content.dataBytes();
        if (entries > MAX_STAGED_ENTRIES || bytes > MAX_STAGED_BYTES) {
            throw new TxRefused(XaCode.XA_RBROLLBACK, "transaction branch " + BranchIds.describe(id) + " holds "
                    + entries + " sends and acks of " + bytes + " bytes (expected: at most " + MAX_STAGED_ENTRIES
                    + " entries and " + MAX_STAGED_BYTES + " bytes in one branch); it is rolled back");
        }
    }

    /** Ends a staged branch; returns whether there was one. */
    boolean remove(BranchId id) {
        return byId.remove(id) != null;
    }

    /** Drops every branch {@code clientId} staged into, as that client is gone. */
    void dropClient(String clientId) {
        byId.entrySet().removeIf(entry -> {
            if (entry.getValue().clientIds().contains(clientId)) {
                LOG.log(Level.DEBUG, () -> "[Client:" + clientId + "] gone: its staged transaction branch "
                        + BranchIds.describe(entry.getKey()) + " is dropped");
                return true;
            }
            return false;
        });
    }
}
