package io.natsjms.examples.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobBookTest {

    private final JobBook book = new JobBook();
    private final Job first = new Job("j-1", 100);
    private final Job second = new Job("j-2", 1000);

    @Test
    void followsAJobFromSubmissionToItsResult() {
        book.submitted(first);
        assertThat(book.job("j-1")).get().extracting(JobRecord::state).isEqualTo(JobState.WAITING);

        book.started(first, "thread-a", "worker-1");
        assertThat(book.job("j-1")).get().extracting(JobRecord::state, JobRecord::thread, JobRecord::deliveries)
                .containsExactly(JobState.RUNNING, "thread-a", 1);

        book.finished(first, "thread-a", "worker-1", 25, 3);
        assertThat(book.job("j-1")).contains(new JobRecord("j-1", 100, JobState.DONE, 25, "thread-a", "worker-1", 1, 3L));
        assertThat(book.job("j-9")).isEmpty();
    }

    @Test
    void countsTheWorkPerThreadAndInstanceAndTheMostJobsRunningAtOnce() {
        book.submitted(first);
        book.submitted(second);
        book.submitted(new Job("j-3", 10));

        book.started(first, "thread-a", "worker-1");
        book.started(second, "thread-b", "worker-2");
        book.finished(first, "thread-a", "worker-1", 25, 1);
        book.finished(second, "thread-b", "worker-2", 168, 1);

        JobsSummary summary = book.summary();
        assertThat(summary.jobs()).isEqualTo(3);
        assertThat(summary.waiting()).isEqualTo(1);
        assertThat(summary.running()).isZero();
        assertThat(summary.done()).isEqualTo(2);
        assertThat(summary.repeated()).isZero();
        assertThat(summary.maxParallel()).isEqualTo(2);
        assertThat(summary.byThread()).containsExactly(Map.entry("thread-a", 1), Map.entry("thread-b", 1));
        assertThat(summary.byInstance()).containsExactly(Map.entry("worker-1", 1), Map.entry("worker-2", 1));
    }

    @Test
    void aJobProcessedTwiceIsReported() {
        book.submitted(first);
        book.started(first, "thread-a", "worker-1");
        book.finished(first, "thread-a", "worker-1", 25, 1);

        book.started(first, "thread-b", "worker-2");
        book.finished(first, "thread-b", "worker-2", 25, 1);

        assertThat(book.summary().repeated()).isEqualTo(1);
        assertThat(book.summary().done()).isEqualTo(1);
        assertThat(book.job("j-1")).get().extracting(JobRecord::deliveries, JobRecord::thread).containsExactly(2, "thread-b");
    }

    @Test
    void aFailedJobWaitsAgainAndCountsItsDeliveries() {
        book.submitted(first);
        book.started(first, "thread-a", "worker-1");

        book.failed(first);

        assertThat(book.job("j-1")).get().extracting(JobRecord::state, JobRecord::deliveries)
                .containsExactly(JobState.WAITING, 1);
        assertThat(book.summary().running()).isZero();

        book.started(first, "thread-b", "worker-2");
        book.finished(first, "thread-b", "worker-2", 25, 1);
        assertThat(book.job("j-1")).get().extracting(JobRecord::state, JobRecord::deliveries)
                .containsExactly(JobState.DONE, 2);
        assertThat(book.summary().repeated()).isZero();
    }

    @Test
    void aJobLeftOnTheQueueByAnEarlierDeploymentIsBookedWhenTaken() {
        book.started(second, "thread-a", "worker-1");
        book.finished(second, "thread-a", "worker-1", 168, 1);

        assertThat(book.summary().jobs()).isEqualTo(1);
        assertThat(book.summary().done()).isEqualTo(1);
    }
}
