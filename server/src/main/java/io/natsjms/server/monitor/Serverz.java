package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The body of {@code /streaming/serverz}. {@code role} and {@code node_id} of the original are left out:
 * they only appear in clustered mode, which we do not have. {@code prepared_transactions} is ours: the XA
 * branches prepared and not yet committed or rolled back, shown only when there are any, so that a server
 * without them answers exactly as the original does.
 */
record Serverz(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("version") String version,
        @JsonProperty("go") String runtime,
        @JsonProperty("state") String state,
        @JsonProperty("now") @JsonSerialize(using = ToStringSerializer.class) Instant now,
        @JsonProperty("start_time") @JsonSerialize(using = ToStringSerializer.class) Instant startTime,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("clients") int clients,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("channels") int channels,
        @JsonProperty("total_msgs") long totalMsgs,
        @JsonProperty("total_bytes") long totalBytes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("open_fds") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long openFds,
        @JsonProperty("max_fds") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxFds,
        @JsonProperty("prepared_transactions") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int preparedTransactions) {

    /** The only state a server without fault tolerance or clustering can be in while it answers. */
    static final String STANDALONE = "STANDALONE";
}
