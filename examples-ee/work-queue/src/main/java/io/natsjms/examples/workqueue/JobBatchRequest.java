package io.natsjms.examples.workqueue;

/**
 * The body of {@code POST /api/jobs}: {@code {"count": 20, "upTo": 2000000}} submits 20 jobs that each count
 * the primes up to two million.
 *
 * @param count how many jobs, 1 to {@link #MAX_COUNT}
 * @param upTo  the bound of each job; {@link #DEFAULT_UP_TO} when missing
 */
public record JobBatchRequest(Integer count, Integer upTo) {

    /** The most jobs one request may submit. */
    public static final int MAX_COUNT = 1000;

    /** The bound of a job when the request gives none. */
    public static final int DEFAULT_UP_TO = 1_000_000;

    /** The requested number of jobs, checked. */
    int jobCount() {
        if (count == null || count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1 to " + MAX_COUNT + ")");
        }
        return count;
    }

    /** The bound of each job (checked by {@link Job}). */
    int bound() {
        return upTo == null ? DEFAULT_UP_TO : upTo;
    }
}
