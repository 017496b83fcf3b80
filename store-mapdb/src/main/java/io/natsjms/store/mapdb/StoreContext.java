package io.natsjms.store.mapdb;

/**
 * What every channel of an open store shares: its configuration, lock, state file, write-ahead log,
 * the way it opens files, and where damaged records are set aside.
 */
record StoreContext(MapDbStoreConfig config, StoreGuard lock, StateDb state, WriteAheadLog wal, StoreFiles files,
                    SetAside aside) {
}
