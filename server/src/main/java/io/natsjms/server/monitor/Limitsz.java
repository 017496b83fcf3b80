package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The store limits inside {@link Storez}: the channel defaults flattened next to {@code max_channels},
 * as the original embeds them, and the per-channel overrides. Durations are nanoseconds; 0 is unlimited.
 */
record Limitsz(
        @JsonProperty("max_channels") int maxChannels,
        @JsonProperty("max_msgs") long maxMsgs,
        @JsonProperty("max_bytes") long maxBytes,
        @JsonProperty("max_age") long maxAgeNanos,
        @JsonProperty("max_subscriptions") int maxSubscriptions,
        @JsonProperty("max_inactivity") long maxInactivityNanos,
        @JsonProperty("channels") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ChannelLimitsz> channels) {
}
