package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How the reply to a scheduled publish is read: a server without the extension is named as such. */
class ScheduleRepliesTest {

    private static StanException failure(Throwable cause) {
        CompletionException thrown = (CompletionException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ScheduleReplies.outcome("_STAN.discover.c.natsjms.schedule", "orders", "g1", null, cause,
                        Duration.ofSeconds(2)));
        return (StanException) thrown.getCause();
    }

    @Test
    void noRespondersMeansTheServerDoesNotSupportDeliveryTimes() {
        StanException e = failure(new CancellationException());

        assertThat(e.kind()).isEqualTo(StanException.Kind.NOT_SUPPORTED);
        assertThat(e.getMessage()).contains("_STAN.discover.c.natsjms.schedule").contains("delivery times")
                .contains("original nats-streaming-server").contains("g1").contains("\"orders\"");
    }

    @Test
    void noReplyInTimeIsATimeoutThatMayBeRetried() {
        StanException e = failure(new TimeoutException());

        assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT);
        assertThat(e.getMessage()).startsWith("stan: publish ack timeout");
    }

    @Test
    void anUnknownFailureIsAnIoFailure() {
        assertThat(failure(new IllegalStateException("x")).kind()).isEqualTo(StanException.Kind.IO);
        assertThatThrownBy(() -> ScheduleReplies.outcome("s", "orders", "g1", null, null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
    }
}
