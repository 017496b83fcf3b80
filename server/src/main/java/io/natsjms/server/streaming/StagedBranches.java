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

    /** Adds sends and acks of {@code clientId} to a branch, creating it. */
    void stage(BranchId id, String clientId, List<PubMsg> sends, List<TxAck> acks) {
        byId.put(id, get(id).plus(clientId, sends, acks));
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
