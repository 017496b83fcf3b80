package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One client in {@link Clientsz}, and the body of {@code clientsz?client=<id>}.
 *
 * @param subscriptions by channel name; null (left out) unless {@code subs=1} was asked for
 */
record Clientz(
        @JsonProperty("id") String id,
        @JsonProperty("hb_inbox") String hbInbox,
        @JsonProperty("subs_count") int subsCount,
        @JsonProperty("subscriptions") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, List<Subscriptionz>> subscriptions) {
}
