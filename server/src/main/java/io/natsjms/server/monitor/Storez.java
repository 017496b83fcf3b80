package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/** The body of {@code /streaming/storez}. */
record Storez(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") @JsonSerialize(using = ToStringSerializer.class) Instant now,
        @JsonProperty("type") String type,
        @JsonProperty("limits") Limitsz limits,
        @JsonProperty("total_msgs") long totalMsgs,
        @JsonProperty("total_bytes") long totalBytes) {
}
