package io.natsjms.store.contract;

import io.natsjms.store.Store;
import io.natsjms.store.StoreLimits;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens the store under test. One factory serves one test: it is created for a fresh directory
 * that the contract owns (a JUnit {@code @TempDir}), and every {@link #open} uses that same
 * directory, so opening again after a close is a reopen of the same data.
 */
public interface StoreFactory {

    /** What the store can do; decides which contract tests run. */
    StoreCapabilities capabilities();

    /**
     * Opens (or reopens) the store over this factory's directory.
     *
     * @param limits the limits the store must enforce (and re-apply on recovery)
     * @throws io.natsjms.store.StoreException as {@link io.natsjms.store.StoreProvider#open} does,
     *         in particular {@code LOCKED} while another store is open over the directory
     */
    Store open(StoreLimits limits);

    /**
     * Whether {@link #crash} can stop a store of this factory the way a killed process stops. The
     * contract tests that need a crash are skipped for a factory that cannot.
     */
    default boolean canCrash() {
        return false;
    }

    /**
     * Stops {@code store} as a killed process would: nothing more is written or committed, changes
     * made since the last {@code commit()} are lost, and the store's lock is released so that the
     * next {@link #open} recovers what the crash left.
     *
     * @throws UnsupportedOperationException if {@link #canCrash()} is false
     */
    default void crash(Store store) {
        throw new UnsupportedOperationException("this store factory cannot simulate a crash");
    }

    /** This factory, able to {@link #crash} a store with {@code crash}. */
    default StoreFactory withCrash(Consumer<Store> crash) {
        Objects.requireNonNull(crash, "crash");
        StoreFactory plain = this;
        return new StoreFactory() {
            @Override
            public StoreCapabilities capabilities() {
                return plain.capabilities();
            }

            @Override
            public Store open(StoreLimits limits) {
                return plain.open(limits);
            }

            @Override
            public boolean canCrash() {
                return true;
            }

            @Override
            public void crash(Store store) {
                crash.accept(store);
            }
        };
    }

    /** A factory from a capability set and a function opening the store with given limits. */
    static StoreFactory of(StoreCapabilities capabilities, Function<StoreLimits, Store> opener) {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(opener, "opener");
        return new StoreFactory() {
            @Override
            public StoreCapabilities capabilities() {
                return capabilities;
            }

            @Override
            public Store open(StoreLimits limits) {
                return opener.apply(limits);
            }
        };
    }
}
