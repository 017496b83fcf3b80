package io.natsjms.benchmarks;

/**
 * Something 1 KB messages are appended to and then made durable: a {@link io.natsjms.store.Store}
 * channel, or a plain file as the raw ceiling.
 */
interface AppendTarget extends AutoCloseable {

    /** Appends the next 1 KB message. */
    void append();

    /** Makes every append so far durable (a store commit, or a file force). */
    void sync();

    /** Releases files and handles; the caller deletes the data directory. */
    @Override
    void close();
}
