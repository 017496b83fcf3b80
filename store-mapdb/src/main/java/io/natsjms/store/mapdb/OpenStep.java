package io.natsjms.store.mapdb;

/**
 * The steps of opening {@code state.db} that change files: taking the copy ({@link StateBackup}), putting a copy
 * back, the layout upgrade ({@link StateLayout}) and dropping the copy. {@link StoreFiles#reached} is told of each,
 * so that a crash test can stop the process exactly there.
 */
enum OpenStep {
    /** One state file was copied into the copy; the copy is not complete yet. */
    BACKUP_FILE_COPIED,
    /** The copy is complete (marked so, and durable). */
    BACKUP_COMPLETE,
    /** One file of the copy was copied back over the state files; the copy is still complete. */
    RESTORE_FILE_COPIED,
    /** The layout upgrade moved the entries of the per-channel maps; its commit has not started. */
    LAYOUT_MOVED,
    /** The layout upgrade is committed. */
    LAYOUT_COMMITTED,
    /** The copy is marked obsolete; its files are not deleted yet. */
    BACKUP_DISCARDING
}
