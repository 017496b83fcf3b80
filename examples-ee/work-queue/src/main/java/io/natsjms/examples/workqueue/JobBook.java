package io.natsjms.examples.workqueue;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bookkeeping of the jobs: which were submitted, which thread and bean instance processed each, how
 * many ran at the same time, and whether any was processed twice. The workers call it from several threads
 * at once, so every method is synchronized (bean-managed concurrency).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobBook {

    private final Map<String, JobRecord> jobs = new HashMap<>(); // guarded by this
    private final Map<String, Integer> doneByThread = new TreeMap<>(); // guarded by this
    private final Map<String, Integer> doneByInstance = new TreeMap<>(); // guarded by this
    private int running; // guarded by this
    private int maxParallel; // guarded by this
    private int repeated; // guarded by this

    /** Records a job that was sent to the queue. */
    public synchronized void submitted(Job job) {
        jobs.putIfAbsent(job.id(), JobRecord.waiting(job));
    }

    /** Records that {@code thread} of bean {@code instance} took the job (one the book may not know yet). */
    public synchronized void started(Job job, String thread, String instance) {
        JobRecord known = jobs.getOrDefault(job.id(), JobRecord.waiting(job));
        if (known.state() == JobState.DONE) {
            repeated++;
        }
        jobs.put(job.id(), known.running(thread, instance));
        running++;
        maxParallel = Math.max(maxParallel, running);
    }

    /** Records the result that {@code thread} of bean {@code instance} computed for a job it took. */
    public synchronized void finished(Job job, String thread, String instance, int primes, long millis) {
        JobRecord record = jobs.getOrDefault(job.id(), JobRecord.waiting(job));
        jobs.put(job.id(), record.done(thread, instance, primes, millis));
        running--;
        doneByThread.merge(thread, 1, Integer::sum);
        doneByInstance.merge(instance, 1, Integer::sum);
    }

    /** Records that processing a job failed: unless another delivery finished it, it is waiting again. */
    public synchronized void failed(Job job) {
        running--;
        JobRecord record = jobs.get(job.id());
        if (record != null && record.state() == JobState.RUNNING) {
            jobs.put(job.id(), record.givenBack());
        }
    }

    /** One job, empty if the book does not know it. */
    public synchronized Optional<JobRecord> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** A snapshot of the counts. */
    public synchronized JobsSummary summary() {
        int waiting = 0;
        int done = 0;
        for (JobRecord record : jobs.values()) {
            waiting += record.state() == JobState.WAITING ? 1 : 0;
            done += record.state() == JobState.DONE ? 1 : 0;
        }
        return new JobsSummary(jobs.size(), waiting, running, done, repeated, maxParallel,
                Collections.unmodifiableMap(new TreeMap<>(doneByThread)),
                Collections.unmodifiableMap(new TreeMap<>(doneByInstance)));
    }
}
