package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.protocol.ext.BrowseResponse;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

    @Test
    void theBrowseSubjectFollowsTheDiscoverSubject() {
        assertThat(Extensions.browseSubject(Subjects.forCluster("test-cluster")))
                .isEqualTo("_STAN.discover.test-cluster.natsjms.browse");
        assertThat(Extensions.browseSubject(Subjects.forCluster("my.discover", "c1")))
                .isEqualTo("my.discover.c1.natsjms.browse");
    }

    @Test
    void theBrowseSubjectIsNoneOfTheStanSubjects() {
        Subjects subjects = Subjects.forCluster("c");
        String browse = Extensions.browseSubject(subjects);

        assertThat(browse).isNotIn(subjects.discovery(), subjects.pings(), subjects.subscribe(),
                subjects.unsubscribe(), subjects.subClose(), subjects.close());
        assertThat(subjects.channelOf(browse)).isNull();
    }

    @Test
    void theScheduleSubjectFollowsTheDiscoverSubjectAndIsNoStanSubject() {
        Subjects subjects = Subjects.forCluster("c");
        String schedule = Extensions.scheduleSubject(subjects);

        assertThat(schedule).isEqualTo("_STAN.discover.c.natsjms.schedule");
        assertThat(schedule).isNotIn(Extensions.browseSubject(subjects), subjects.discovery(), subjects.pings(),
                subjects.subscribe(), subjects.unsubscribe(), subjects.subClose(), subjects.close());
        assertThat(subjects.channelOf(schedule)).isNull();
        assertThatThrownBy(() -> Extensions.scheduleSubject("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyDiscoverSubject() {
        assertThatThrownBy(() -> Extensions.browseSubject(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("discoverySubject");
    }

    @Test
    void browseResponseRoundTripsItsPendingSequences() throws Exception {
        BrowseResponse response = BrowseResponse.newBuilder().setFirstSequence(3).setLastSequence(9)
                .setLastSent(7).addPending(4).addPending(6).build();

        BrowseResponse parsed = BrowseResponse.parseFrom(response.toByteArray());

        assertThat(parsed.getPendingList()).containsExactly(4L, 6L);
        assertThat(parsed.getLastSent()).isEqualTo(7);
        assertThat(parsed.getError()).isEmpty();
    }
}
