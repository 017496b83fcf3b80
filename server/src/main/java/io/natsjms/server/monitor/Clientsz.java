package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;

/** The body of {@code /streaming/clientsz}: one page of clients, sorted by ID. */
record Clientsz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") @JsonSerialize(using = ToStringSerializer.class) Instant now,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("count") int count,
        @JsonProperty("total") int total,
        @JsonProperty("clients") List<Clientz> clients) {
}
