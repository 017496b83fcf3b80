package io.natsjms.examples.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTest {

    @Test
    void travelsAsMapEntries() {
        Job job = new Job("j-1", 1000);

        assertThat(job.toMap()).containsOnly(Map.entry("id", "j-1"), Map.entry("upTo", 1000));
        assertThat(Job.fromMap(job.toMap())).isEqualTo(job);
    }

    @Test
    void rejectsBoundsOutOfRangeAndBadMessages() {
        assertThatThrownBy(() -> Job.countPrimesUpTo(1)).hasMessage("upTo: 1 (expected: 2 to 50000000)");
        assertThatThrownBy(() -> Job.countPrimesUpTo(Job.MAX_UP_TO + 1)).hasMessageStartingWith("upTo: 50000001 ");
        assertThatThrownBy(() -> Job.fromMap(Map.of("id", "j-1", "upTo", "ten")))
                .hasMessage("upTo: ten (expected: an int)");
        assertThatThrownBy(() -> Job.fromMap(Map.of("upTo", 10))).hasMessage("id: missing (expected: a non-empty string)");
    }

    @Test
    void aBatchRequestChecksItsCountAndDefaultsItsBound() {
        assertThat(new JobBatchRequest(3, null).bound()).isEqualTo(JobBatchRequest.DEFAULT_UP_TO);
        assertThat(new JobBatchRequest(3, 50).jobCount()).isEqualTo(3);
        assertThatThrownBy(() -> new JobBatchRequest(0, 50).jobCount()).hasMessage("count: 0 (expected: 1 to 1000)");
        assertThatThrownBy(() -> new JobBatchRequest(null, 50).jobCount()).hasMessage("count: null (expected: 1 to 1000)");
    }
}
