package io.natsjms.store.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The whole contract in one class: a store's test extends it and implements
 * {@link #createFactory(Path)}; JUnit then runs every contract class as a nested test of it.
 * Tests the store's capabilities rule out are reported as skipped.
 */
public abstract class StoreContractSuite {

    /** The factory of the store under test over {@code directory}, a fresh directory per test. */
    protected abstract StoreFactory createFactory(Path directory);

    @Nested
    class Stores extends StoreContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class Messages extends MessageStoreContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class Subscriptions extends SubscriptionStoreContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class RedeliveryCounts extends RedeliveryCountContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class Recovery extends RecoverableStoreContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class Schedule extends ScheduleContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }

    @Nested
    class PreparedTransactions extends PreparedTransactionsContractTest {
        @Override
        protected StoreFactory createFactory(Path directory) {
            return StoreContractSuite.this.createFactory(directory);
        }
    }
}
