package io.natsjms.examples.workqueue;

/** Where a job is. */
public enum JobState {
    /** Sent to the queue, not yet taken by a worker (or given back after a failure). */
    WAITING,
    /** A worker is processing it. */
    RUNNING,
    /** Processed. */
    DONE
}
