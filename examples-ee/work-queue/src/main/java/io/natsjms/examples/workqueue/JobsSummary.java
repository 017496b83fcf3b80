package io.natsjms.examples.workqueue;

import java.util.Map;

/**
 * The whole book as {@code GET /api/jobs} shows it.
 *
 * @param jobs        jobs known: submitted here, or found on the queue from an earlier deployment
 * @param waiting     jobs not taken yet
 * @param running     jobs being processed now
 * @param done        jobs processed
 * @param repeated    deliveries of a job that was already done (zero when each job is processed exactly once)
 * @param maxParallel the most jobs that were being processed at the same time
 * @param byThread    jobs done per thread
 * @param byInstance  jobs done per message-driven bean instance
 */
public record JobsSummary(int jobs, int waiting, int running, int done, int repeated, int maxParallel,
                          Map<String, Integer> byThread, Map<String, Integer> byInstance) {
}
