package io.natsjms.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/** The container's side of a started adapter: a work manager and, optionally, a transaction registry. */
final class FakeBootstrapContext implements BootstrapContext {

    private final FakeWorkManager workManager;
    private final FakeTransactions transactions;

    /** @param transactions the registry to offer, or null for none */
    FakeBootstrapContext(FakeWorkManager workManager, FakeTransactions transactions) {
        this.workManager = workManager;
        this.transactions = transactions;
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return workContextClass == HintsContext.class;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return transactions;
    }
}
