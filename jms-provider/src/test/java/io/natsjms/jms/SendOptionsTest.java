package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

/** The one place that checks a producer's send options: what it refuses, and what a send gets. */
class SendOptionsTest {

    private final SendOptions options = new SendOptions();

    @Test
    void startsWithTheJmsDefaults() {
        assertThat(options.deliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(options.priority()).isEqualTo(4);
        assertThat(options.timeToLive()).isZero();
        assertThat(options.deliveryDelay()).isZero();
        assertThat(options.disableMessageId()).isFalse();
        assertThat(options.disableTimestamp()).isFalse();
    }

    @Test
    void refusesAnInvalidValueNamingItAndKeepsTheOldOne() throws Exception {
        options.deliveryDelay(250);

        assertThatThrownBy(() -> options.deliveryDelay(-1)).isInstanceOf(JMSException.class)
                .hasMessage("deliveryDelay: -1 (expected: >= 0 ms)");
        assertThatThrownBy(() -> options.priority(10)).isInstanceOf(JMSException.class)
                .hasMessage("priority: 10 (expected: 0 to 9)");
        assertThatThrownBy(() -> options.deliveryMode(0)).isInstanceOf(JMSException.class)
                .hasMessage("deliveryMode: 0 (expected: PERSISTENT (2) or NON_PERSISTENT (1))");
        assertThat(options.deliveryDelay()).isEqualTo(250);
        assertThat(options.priority()).isEqualTo(4);
        assertThat(options.deliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
    }

    @Test
    void aSendTakesItsOwnModePriorityAndTimeToLiveAndChecksThemToo() throws Exception {
        options.deliveryDelay(7);
        options.disableMessageId(true);

        assertThat(options.forSend(DeliveryMode.NON_PERSISTENT, 9, 1000))
                .isEqualTo(new MessageSender.Settings(DeliveryMode.NON_PERSISTENT, 9, 1000, 7, true, false));
        assertThatThrownBy(() -> options.forSend(3, 4, 0)).isInstanceOf(JMSException.class)
                .hasMessageStartingWith("deliveryMode: 3");
        assertThatThrownBy(() -> options.forSend(DeliveryMode.PERSISTENT, -1, 0)).isInstanceOf(JMSException.class)
                .hasMessageStartingWith("priority: -1");
    }
}
