package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code /streaming/channelsz}: one page of channels, sorted by name; either their
 * {@code names} or, with {@code subs=1}, their details in {@code channels}. The other list is null (left out).
 */
record Channelsz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") @JsonSerialize(using = ToStringSerializer.class) Instant now,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("count") int count,
        @JsonProperty("total") int total,
        @JsonProperty("names") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> names,
        @JsonProperty("channels") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Channelz> channels) {
}
