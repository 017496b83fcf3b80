package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queue groups: members share a channel's messages. */
@ExtendWith(TestStanExtension.class)
class StanQueueGroupIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void membersOfAGroupEachGetADisjointShareOfTheMessages(TestStan stan) throws Exception {
        StanConnection one = stan.connect("one");
        StanConnection two = stan.connect("two");
        Received a = Received.acking();
        Received b = Received.acking();
        one.subscribe(SubscriptionSpec.of("work").withQueueGroup("g"), a);
        two.subscribe(SubscriptionSpec.of("work").withQueueGroup("g"), b);

        for (int i = 0; i < 20; i++) {
            one.publishSync("work", new byte[] {(byte) i});
        }

        await().atMost(WAIT).until(() -> a.size() + b.size() == 20);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> a.size() + b.size() == 20);
        List<Long> all = new ArrayList<>(a.sequences());
        all.addAll(b.sequences());
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(a.size()).isPositive();
        assertThat(b.size()).isPositive();
    }

    @Test
    void aDurableGroupKeepsItsPositionWhenItsLastMemberCloses(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("member");
        SubscriptionSpec spec = SubscriptionSpec.of("work").withQueueGroup("g").withDurableName("d");
        Received first = Received.acking();
        StanSubscription member = connection.subscribe(spec, first);
        connection.publishSync("work", new byte[] {1});
        await().atMost(WAIT).until(() -> first.size() == 1);

        member.close();
        connection.publishSync("work", new byte[] {2});
        Received next = Received.acking();
        connection.subscribe(spec, next);

        await().atMost(WAIT).until(() -> next.size() == 1);
        assertThat(next.sequences()).containsExactly(2L);
    }

    @Test
    void aMemberWithASelectorGetsOnlyWhatTheServerSelectsForIt(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("selective");
        Received second = Received.acking();
        Received rest = Received.acking();
        StanSubscription picky = connection.subscribe(SubscriptionSpec.of("work").withQueueGroup("g")
                .withSelector("JMSMessageID = 'ID:STAN:work:2'"), second);
        assertThat(picky.spec().selector()).as("the server took the selector").isEqualTo("JMSMessageID = 'ID:STAN:work:2'");
        for (int i = 0; i < 3; i++) {
            connection.publishSync("work", new byte[] {(byte) i});
        }
        await().atMost(WAIT).until(() -> second.size() == 1);
        assertThat(second.sequences()).containsExactly(2L);

        connection.subscribe(SubscriptionSpec.of("work").withQueueGroup("g"), rest);
        await().atMost(WAIT).until(() -> rest.size() == 2);
        assertThat(rest.sequences()).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void anInvalidSelectorIsTheServersError(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("selective");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.subscribe(
                        SubscriptionSpec.of("work").withQueueGroup("g").withSelector("a = "), Received.acking()))
                .isInstanceOf(StanException.class)
                .hasMessageStartingWith("natsjms: invalid selector: \"a = \"");
    }
}
