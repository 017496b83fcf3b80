package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.protocol.pb.PingResponse;
import org.junit.jupiter.api.Test;

class PingMonitorTest {

    private static final byte[] OK = new byte[0];

    @Test
    void theConnectionIsLostWhenMoreThanMaxOutPingsAreUnanswered() {
        PingMonitor pings = new PingMonitor(2);

        assertThat(pings.tick()).isTrue();
        assertThat(pings.tick()).isTrue();
        assertThat(pings.tick()).isFalse();
    }

    @Test
    void aGoodReplyResetsTheCount() {
        PingMonitor pings = new PingMonitor(2);
        pings.tick();
        pings.tick();

        assertThat(pings.onReply(false, OK, "s")).isNull();

        assertThat(pings.outstanding()).isZero();
        assertThat(pings.tick()).isTrue();
    }

    @Test
    void aNoRespondersReplyIsNotAnAnswer() {
        PingMonitor pings = new PingMonitor(2);
        pings.tick();
        pings.tick();

        assertThat(pings.onReply(true, OK, "s")).isNull();

        assertThat(pings.outstanding()).isEqualTo(2);
        assertThat(pings.tick()).isFalse();
    }

    @Test
    void anErrorReplyIsReturnedVerbatim() {
        byte[] error = PingResponse.newBuilder().setError("client has been replaced or is no longer registered")
                .build().toByteArray();

        assertThat(new PingMonitor(2).onReply(false, error, "s"))
                .isEqualTo("client has been replaced or is no longer registered");
    }

    @Test
    void anUnparsableReplyProvesNothing() {
        PingMonitor pings = new PingMonitor(2);
        pings.tick();

        assertThat(pings.onReply(false, new byte[] {(byte) 0xff, 0x01}, "s")).isNull();
        assertThat(pings.outstanding()).isEqualTo(1);
    }
}
