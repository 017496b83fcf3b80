package io.natsjms.store.contract;

/**
 * What a store under test can do; the contract tests that need a capability are skipped (with
 * {@code assumeTrue}) for stores that lack it.
 *
 * @param persistent whether the store keeps its content across close and reopen of its directory
 */
public record StoreCapabilities(boolean persistent) {

    /** A store that keeps nothing after close ({@code memory}). */
    public static final StoreCapabilities VOLATILE = new StoreCapabilities(false);

    /** A store that recovers everything committed (and everything before a clean close). */
    public static final StoreCapabilities PERSISTENT = new StoreCapabilities(true);
}
