package io.natsjms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLimitsTest {

    private static final ChannelLimits DEFAULTS =
            new ChannelLimits(1000, 1_000_000, Duration.ofHours(1), 100, Duration.ofHours(2));

    private static StoreLimits withOverrides(Map<String, ChannelLimits> overrides) {
        return new StoreLimits(0, DEFAULTS, overrides);
    }

    @Test
    void channelWithoutOverrideGetsTheDefaults() {
        StoreLimits limits = withOverrides(Map.of("orders.*", ChannelLimits.inherit().withMaxMsgs(5)));

        assertThat(limits.forChannel("payments")).isEqualTo(DEFAULTS);
        assertThat(limits.forChannel("orders")).as("'*' needs a token").isEqualTo(DEFAULTS);
        assertThat(limits.forChannel("orders.eu.west")).as("'*' is one token only").isEqualTo(DEFAULTS);
    }

    @Test
    void literalBeatsStarWhichBeatsFullWildcard() {
        StoreLimits limits = withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxMsgs(30),
                "orders.*", ChannelLimits.inherit().withMaxMsgs(20),
                "orders.eu", ChannelLimits.inherit().withMaxMsgs(10)));

        assertThat(limits.forChannel("orders.eu").maxMsgs()).isEqualTo(10);
        assertThat(limits.forChannel("orders.us").maxMsgs()).isEqualTo(20);
        assertThat(limits.forChannel("orders.us.east").maxMsgs()).isEqualTo(30);
        assertThat(limits.forChannel("orders").maxMsgs()).as("'>' needs a token").isEqualTo(1000);
    }

    @Test
    void morePreciseWildcardBeatsAWiderOne() {
        StoreLimits limits = withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxMsgs(30),
                "orders.eu.>", ChannelLimits.inherit().withMaxMsgs(20)));

        assertThat(limits.forChannel("orders.eu.west").maxMsgs()).isEqualTo(20);
        assertThat(limits.forChannel("orders.us.west").maxMsgs()).isEqualTo(30);
    }

    @Test
    void zeroFieldsInheritFromTheWiderMatchThenTheDefaults() {
        StoreLimits limits = withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxBytes(500).withMaxSubscriptions(7),
                "orders.eu", ChannelLimits.inherit().withMaxMsgs(10).withMaxSubscriptions(3)));

        assertThat(limits.forChannel("orders.eu"))
                .isEqualTo(new ChannelLimits(10, 500, Duration.ofHours(1), 3, Duration.ofHours(2)));
    }

    @Test
    void negativeFieldsMeanUnlimited() {
        StoreLimits limits = withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxMsgs(-1).withMaxAge(Duration.ofSeconds(-1)),
                "orders.eu", ChannelLimits.inherit().withMaxBytes(-1).withMaxInactivity(Duration.ofSeconds(-1))));

        assertThat(limits.forChannel("orders.eu"))
                .isEqualTo(new ChannelLimits(0, 0, Duration.ZERO, 100, Duration.ZERO));
        assertThat(limits.forChannel("orders.us"))
                .isEqualTo(new ChannelLimits(0, 1_000_000, Duration.ZERO, 100, Duration.ofHours(2)));
    }

    @Test
    void narrowerOverrideCanSetALimitAgainAfterAWiderOneRemovedIt() {
        StoreLimits limits = withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxMsgs(-1),
                "orders.eu", ChannelLimits.inherit().withMaxMsgs(42)));

        assertThat(limits.forChannel("orders.eu").maxMsgs()).isEqualTo(42);
    }

    @Test
    void moreLiteralOverridesThanMaxChannelsIsRejected() {
        Map<String, ChannelLimits> overrides = Map.of(
                "a", ChannelLimits.inherit(), "b", ChannelLimits.inherit(), "c", ChannelLimits.inherit(),
                "d.*", ChannelLimits.inherit(), "e.>", ChannelLimits.inherit());

        assertThatThrownBy(() -> new StoreLimits(2, DEFAULTS, overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("too many channels defined (3). The max channels limit is set to 2");
        assertThat(new StoreLimits(3, DEFAULTS, overrides).overrides()).hasSize(5);
        assertThat(new StoreLimits(0, DEFAULTS, overrides).overrides()).hasSize(5);
    }

    @Test
    void invalidPatternOrNegativeGlobalLimitIsRejected() {
        assertThatThrownBy(() -> withOverrides(Map.of("orders..eu", ChannelLimits.inherit())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders..eu");
        assertThatThrownBy(() -> new StoreLimits(-1, DEFAULTS, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new StoreLimits(0, DEFAULTS.withMaxMsgs(-5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_msgs: -5");
    }
}
