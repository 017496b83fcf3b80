package io.natsjms.store.memory;

import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The prepared transaction branches of the memory store. Every method holds this object's monitor. */
final class MemoryPreparedTransactions implements PreparedTransactions {

    private final OpenGuard guard;
    /** Branches by id; guarded by this. */
    private final Map<BranchId, PreparedTx> byId = new HashMap<>();

    MemoryPreparedTransactions(OpenGuard guard) {
        this.guard = guard;
    }

    @Override
    public synchronized void put(PreparedTx tx) {
        guard.check();
        PreparedTransactions.validate(tx);
        byId.put(tx.getId(), tx);
    }

    @Override
    public synchronized Optional<PreparedTx> get(BranchId id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized boolean remove(BranchId id) {
        guard.check();
        return byId.remove(Objects.requireNonNull(id, "id")) != null;
    }

    @Override
    public synchronized List<PreparedTx> all() {
        List<PreparedTx> all = new ArrayList<>(byId.values());
        all.sort(PREPARE_ORDER);
        return all;
    }

    synchronized void clear() {
        byId.clear();
    }
}
