package io.natsjms.examples.workqueue;

/**
 * What the book knows about one job, as {@code GET /api/jobs/{id}} shows it.
 *
 * @param id         the job's ID
 * @param upTo       its bound
 * @param state      where it is
 * @param primes     its result once done, else null
 * @param thread     the thread that processed it (last), else null
 * @param instance   the message-driven bean instance that processed it (last), else null
 * @param deliveries how many times a worker took it: 1 unless a delivery failed or was repeated
 * @param millis     how long the last processing took, else null
 */
public record JobRecord(String id, int upTo, JobState state, Integer primes, String thread, String instance,
                        int deliveries, Long millis) {

    static JobRecord waiting(Job job) {
        return new JobRecord(job.id(), job.upTo(), JobState.WAITING, null, null, null, 0, null);
    }

    JobRecord running(String thread, String instance) {
        return new JobRecord(id, upTo, JobState.RUNNING, null, thread, instance, deliveries + 1, null);
    }

    JobRecord done(String thread, String instance, int primes, long millis) {
        return new JobRecord(id, upTo, JobState.DONE, primes, thread, instance, deliveries, millis);
    }

    JobRecord givenBack() {
        return new JobRecord(id, upTo, JobState.WAITING, null, thread, instance, deliveries, null);
    }
}
