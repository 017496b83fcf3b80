package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The limits of one channel (or channel pattern) in {@link Limitsz}. Durations are nanoseconds; 0 is unlimited. */
record ChannelLimitsz(
        @JsonProperty("max_msgs") long maxMsgs,
        @JsonProperty("max_bytes") long maxBytes,
        @JsonProperty("max_age") long maxAgeNanos,
        @JsonProperty("max_subscriptions") int maxSubscriptions,
        @JsonProperty("max_inactivity") long maxInactivityNanos) {
}
