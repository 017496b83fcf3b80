package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void derivesTheOriginalSubjectsFromTheClusterId() {
        Subjects subjects = Subjects.forCluster("test-cluster");

        assertThat(subjects.discovery()).isEqualTo("_STAN.discover.test-cluster");
        assertThat(subjects.publish()).isEqualTo("_STAN.pub.test-cluster");
        assertThat(subjects.subscribe()).isEqualTo("_STAN.sub.test-cluster");
        assertThat(subjects.unsubscribe()).isEqualTo("_STAN.unsub.test-cluster");
        assertThat(subjects.subClose()).isEqualTo("_STAN.subclose.test-cluster");
        assertThat(subjects.close()).isEqualTo("_STAN.close.test-cluster");
        assertThat(subjects.acks()).isEqualTo("_STAN.ack.test-cluster");
        assertThat(subjects.pings()).isEqualTo("_STAN.discover.test-cluster.pings");
        assertThat(subjects.publishWildcard()).isEqualTo("_STAN.pub.test-cluster.>");
    }

    @Test
    void customDiscoverPrefix() {
        assertThat(Subjects.forCluster("my.discover", "c1").discovery()).isEqualTo("my.discover.c1");
    }

    @Test
    void mapsChannelsToPublishSubjectsAndBack() {
        Subjects subjects = Subjects.forCluster("c1");

        assertThat(subjects.publishSubject("orders.eu")).isEqualTo("_STAN.pub.c1.orders.eu");
        assertThat(subjects.channelOf("_STAN.pub.c1.orders.eu")).isEqualTo("orders.eu");
        assertThat(subjects.channelOf("_STAN.pub.c1")).isNull();
        assertThat(subjects.channelOf("_STAN.pub.c1.")).isNull();
        assertThat(subjects.channelOf("_STAN.pub.c12.orders")).isNull();
        assertThat(subjects.channelOf("other.orders")).isNull();
    }

    @Test
    void rejectsAnInvalidClusterIdNamingIt() {
        assertThatThrownBy(() -> Subjects.forCluster("bad cluster"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bad cluster\"");
        assertThatThrownBy(() -> Subjects.forCluster(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clusterId");
    }

    @Test
    void ackInboxesLiveUnderTheAcksSubjectAndTheWildcardMatchesThem() {
        Subjects subjects = Subjects.forCluster("c");

        assertThat(subjects.ackInbox("tok")).isEqualTo(subjects.acks() + ".tok");
        assertThat(subjects.ackInboxWildcard()).isEqualTo(subjects.acks() + ".>");
    }
}
