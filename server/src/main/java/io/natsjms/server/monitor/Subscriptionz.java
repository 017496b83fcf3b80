package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One subscription, in {@link Clientz} and {@link Channelz}. Offline durables report the client ID
 * they were saved with.
 *
 * @param queueName  the group; {@code durable:group} for a durable group; empty (left out) for none
 * @param ackWait    in seconds
 */
record Subscriptionz(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("inbox") String inbox,
        @JsonProperty("ack_inbox") String ackInbox,
        @JsonProperty("durable_name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String durableName,
        @JsonProperty("queue_name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String queueName,
        @JsonProperty("is_durable") boolean durable,
        @JsonProperty("is_offline") boolean offline,
        @JsonProperty("max_inflight") int maxInflight,
        @JsonProperty("ack_wait") int ackWait,
        @JsonProperty("last_sent") long lastSent,
        @JsonProperty("pending_count") int pendingCount,
        @JsonProperty("is_stalled") boolean stalled) {
}
