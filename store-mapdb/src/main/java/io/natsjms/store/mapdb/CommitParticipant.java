package io.natsjms.store.mapdb;

/**
 * What the {@link WriteAheadLog} needs of a channel that appended since the last commit: its
 * segment log to mark, write out and force, its number for the journal frame, and the two outcomes
 * of the commit. Keeps the log from depending on the message store that feeds it.
 */
interface CommitParticipant {

    /** The channel's number, as journal records name it. */
    long channelNumber();

    /** The segments the channel's messages are written to. */
    SegmentLog log();

    /** The commit succeeded: what was appended since the previous one is now committed. */
    void committedNow();

    /** The commit failed: undo every append and trim since the previous one, in memory and on disk. */
    void rollback();
}
