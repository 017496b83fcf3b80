/**
 * The store contract: the behaviour every {@link io.natsjms.store.Store} must show, as abstract
 * JUnit 5 tests that each store runs unchanged. This package is published in the {@code store-api}
 * test-jar.
 *
 * <h2>Plugging a store in</h2>
 * Depend on {@code io.natsjms:natsjms-store-api} with {@code <type>test-jar</type>} and scope
 * {@code test} (plus {@code junit-jupiter}, which brings the params engine the contract uses, and
 * {@code assertj-core}), then write one class:
 * <pre>{@code
 * class MapDbStoreTest extends StoreContractSuite {
 *     @Override
 *     protected StoreFactory createFactory(Path directory) {
 *         return StoreFactory.of(StoreCapabilities.PERSISTENT,
 *                 limits -> new MapDbStoreProvider().open(StoreConfig.at(directory, limits)));
 *     }
 * }
 * }</pre>
 * {@link io.natsjms.store.contract.StoreContractSuite} runs {@code StoreContractTest},
 * {@code MessageStoreContractTest}, {@code SubscriptionStoreContractTest},
 * {@code RedeliveryCountContractTest}, {@code RecoverableStoreContractTest}, {@code ScheduleContractTest}
 * and {@code PreparedTransactionsContractTest} as nested classes. A
 * store may instead extend any single contract class and implement the same {@code createFactory}
 * method.
 *
 * <h2>Directories and lifecycle</h2>
 * Each test gets a new empty directory (a JUnit {@code @TempDir}, deleted after the test) and a new
 * factory over it. Every {@link io.natsjms.store.contract.StoreFactory#open} of that factory must use
 * the same directory, so that opening after a close is a reopen of the same data; a store that does
 * not persist ignores the directory. The contract closes every store it opened after each test, so a
 * store must accept {@code close()} twice.
 *
 * <h2>Store-specific tests</h2>
 * A store's own extra tests (file layout, crash recovery, fsync policy) may extend
 * {@link io.natsjms.store.contract.StoreContractSupport} to get the same directory, factory and
 * cleanup.
 *
 * <h2>Capabilities</h2>
 * {@link io.natsjms.store.contract.StoreCapabilities#persistent()} turns on the recovery tests:
 * recovery of server info, clients, channels, messages and subscriptions (pending sequences and
 * redelivery counts included), sequences that continue after reopen, limits re-applied on
 * recovery, a clean close that commits, and the directory lock
 * ({@code LOCKED}, with a message containing "is locked"). The recovery tests always store server
 * info before they close; what {@code recover()} returns for a directory that never got server info
 * is left to the store.
 *
 * <h2>Crashes</h2>
 * A factory made with {@link io.natsjms.store.contract.StoreFactory#withCrash} can stop a store the way
 * a killed process stops (nothing more written, changes since the last commit lost, the lock
 * released); the tests that need a crash (an uncommitted change is gone, a commit comes back whole or
 * not at all) are skipped for a factory without it.
 *
 * <p>{@code io.natsjms.store.snapshot.SnapshotStore} (test sources of this module) is a minimal
 * persistent store that runs the full suite, recovery included, so that the suite itself is tested
 * against a persistent implementation.
 */
package io.natsjms.store.contract;
