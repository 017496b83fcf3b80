package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One channel in {@link Channelsz} (with {@code subs=1}), and the body of {@code channelsz?channel=<name>}.
 *
 * @param subscriptions null (left out) unless {@code subs=1} was asked for
 */
record Channelz(
        @JsonProperty("name") String name,
        @JsonProperty("msgs") long msgs,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("first_seq") long firstSeq,
        @JsonProperty("last_seq") long lastSeq,
        @JsonProperty("subs_count") int subsCount,
        @JsonProperty("subscriptions") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Subscriptionz> subscriptions) {
}
