package io.natsjms.server.streaming;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.PendingCommit;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store whose started commits ({@link #startCommit()}) wait at a gate before they count as
 * durable, and may be made to fail there, as a slow or failing disk would: everything else is the
 * wrapped store's.
 */
final class GatedCommitStore implements Store {

    private final Store store;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean failForces;
    private final AtomicInteger waiting = new AtomicInteger();
    /** The name of the thread each force ran on, in order. */
    private final List<String> forcedOn = new CopyOnWriteArrayList<>();

    GatedCommitStore(Store store) {
        this.store = store;
    }

    /** Started commits wait from now on until {@link #open()}. */
    void close(boolean thenFail) {
        failForces = thenFail;
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Forces waiting at the gate now. */
    int waiting() {
        return waiting.get();
    }

    /** The names of the threads the forces ran on so far, oldest first. */
    List<String> forcedOn() {
        return List.copyOf(forcedOn);
    }

    @Override
    public PendingCommit startCommit() {
        store.commit();
        CountDownLatch at = gate;
        boolean fail = failForces;
        return () -> {
            forcedOn.add(Thread.currentThread().getName());
            waiting.incrementAndGet();
            try {
                if (!at.await(30, TimeUnit.SECONDS)) {
                    throw new StoreException(StoreException.Reason.IO, "the gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.IO, "interrupted at the gate", e);
            } finally {
                waiting.decrementAndGet();
            }
            if (fail) {
                throw new StoreException(StoreException.Reason.IO, "cannot force (simulated)");
            }
        };
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public StoreLimits limits() {
        return store.limits();
    }

    @Override
    public Optional<RecoveredState> recover() {
        return store.recover();
    }

    @Override
    public void initServerInfo(ServerInfo info) {
        store.initServerInfo(info);
    }

    @Override
    public void addClient(ClientInfo client) {
        store.addClient(client);
    }

    @Override
    public void deleteClient(String clientId) {
        store.deleteClient(clientId);
    }

    @Override
    public ChannelStore createChannel(String name) {
        return store.createChannel(name);
    }

    @Override
    public Optional<ChannelStore> lookupChannel(String name) {
        return store.lookupChannel(name);
    }

    @Override
    public boolean deleteChannel(String name) {
        return store.deleteChannel(name);
    }

    @Override
    public MessageSchedule schedule() {
        return store.schedule();
    }

    @Override
    public PreparedTransactions preparedTransactions() {
        return store.preparedTransactions();
    }

    @Override
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
