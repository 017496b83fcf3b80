package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The raw core-NATS operations kept for temporary destinations and request/reply. */
@ExtendWith(TestStanExtension.class)
class CoreNatsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRequestReachesAnInboxSubscriberAndItsReplyComesBack(TestStan stan) throws Exception {
        StanConnection requester = stan.connect("requester");
        StanConnection responder = stan.connect("responder");
        String service = responder.newInbox();
        responder.subscribeCore(service, request -> {
            try {
                responder.publishCore(request.replyTo(), null, ("re:" + new String(request.data())).getBytes());
            } catch (StanException e) {
                throw new IllegalStateException(e);
            }
        });
        responder.flush(WAIT);
        List<CoreMessage> replies = new CopyOnWriteArrayList<>();
        String replyInbox = requester.newInbox();
        requester.subscribeCore(replyInbox, replies::add);

        requester.publishCore(service, replyInbox, "ping".getBytes());

        await().atMost(WAIT).until(() -> replies.size() == 1);
        assertThat(replies.get(0).subject()).isEqualTo(replyInbox);
        assertThat(replies.get(0).replyTo()).isNull();
        assertThat(new String(replies.get(0).data())).isEqualTo("re:ping");
    }

    @Test
    void aClosedCoreSubscriptionGetsNothingMore(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("core");
        List<CoreMessage> got = new CopyOnWriteArrayList<>();
        String subject = connection.newInbox();
        CoreSubscription subscription = connection.subscribeCore(subject, got::add);
        connection.publishCore(subject, null, new byte[] {1});
        await().atMost(WAIT).until(() -> got.size() == 1);

        subscription.close();
        connection.publishCore(subject, null, new byte[] {2});
        connection.flush(WAIT);

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> got.size() == 1);
        assertThat(subscription.isClosed()).isTrue();
    }
}
