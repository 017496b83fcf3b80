package io.natsjms.store;

import com.google.protobuf.ByteString;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedTx;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The prepared transaction branches of a store (a natsjms extension used by the JMS provider's XA
 * resource). A branch is put here when it is prepared and removed when it is committed (in the same
 * {@link Store#commit()} as the appends and acknowledgements it applies, so that after a crash either
 * the branch or its effects are there, never both) or rolled back.
 *
 * <p>Like every other change, a put or remove is visible at once and durable at the next
 * {@link Store#commit()}; a persistent store brings back every committed branch after a restart.
 */
public interface PreparedTransactions {

    /**
     * Adds a branch, replacing the one with the same {@link PreparedTx#getId() id} if there is one.
     *
     * @throws IllegalArgumentException if the id is missing or holds more than 64 bytes in either part
     */
    void put(PreparedTx tx);

    /** The branch with this id, or empty. */
    Optional<PreparedTx> get(BranchId id);

    /**
     * Removes a branch.
     *
     * @return whether it was there
     */
    boolean remove(BranchId id);

    /** Every branch, the oldest prepared first (equal times in an order that does not change). */
    List<PreparedTx> all();

    /**
     * Checks a branch the way {@link #put} must.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    static void validate(PreparedTx tx) {
        if (!tx.hasId()) {
            throw new IllegalArgumentException("id: unset (expected: the branch's Xid) for a prepared branch");
        }
        BranchId id = tx.getId();
        if (id.getGlobalId().size() > 64 || id.getBranchId().size() > 64) {
            throw new IllegalArgumentException("id: global " + id.getGlobalId().size() + " bytes, branch "
                    + id.getBranchId().size() + " bytes (expected: at most 64 bytes each)");
        }
    }

    /** The order of {@link #all()}. */
    Comparator<PreparedTx> PREPARE_ORDER = Comparator.comparingLong(PreparedTx::getPreparedAt)
            .thenComparing(tx -> tx.getId().toByteString(), ByteString.unsignedLexicographicalComparator());
}
