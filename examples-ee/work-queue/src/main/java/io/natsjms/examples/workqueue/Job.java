package io.natsjms.examples.workqueue;

import java.util.Map;
import java.util.UUID;

/**
 * A job on the queue: count the primes up to {@code upTo}. It travels as the entries of a {@code MapMessage}.
 *
 * @param id   unique ID of the job
 * @param upTo the bound, from 2 to {@link #MAX_UP_TO}
 */
public record Job(String id, int upTo) {

    /** The largest bound a job may have (the sieve takes a bit per number). */
    public static final int MAX_UP_TO = 50_000_000;

    static final String ID = "id";
    static final String UP_TO = "upTo";

    /** Checks both fields: the message names the field, its value and what was expected. */
    public Job {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(ID + ": " + (id == null ? "missing" : "\"" + id + "\"")
                    + " (expected: a non-empty string)");
        }
        if (upTo < 2 || upTo > MAX_UP_TO) {
            throw new IllegalArgumentException(UP_TO + ": " + upTo + " (expected: 2 to " + MAX_UP_TO + ")");
        }
    }

    /** A new job with a fresh ID. */
    public static Job countPrimesUpTo(int upTo) {
        return new Job(UUID.randomUUID().toString(), upTo);
    }

    /** The job read back from the entries of a {@code MapMessage}. */
    public static Job fromMap(Map<?, ?> entries) {
        Object upTo = entries.get(UP_TO);
        if (!(upTo instanceof Integer bound)) {
            throw new IllegalArgumentException(UP_TO + ": " + upTo + " (expected: an int)");
        }
        Object id = entries.get(ID);
        return new Job(id == null ? null : id.toString(), bound);
    }

    /** The entries of the {@code MapMessage} that carries this job. */
    public Map<String, Object> toMap() {
        return Map.of(ID, id, UP_TO, upTo);
    }
}
