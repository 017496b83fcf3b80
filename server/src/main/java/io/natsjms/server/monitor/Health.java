package io.natsjms.server.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The body of {@code /healthz}, shaped like nats-server's: {@code {"status": "ok"}} with 200 while
 * clients are served, {@code {"status": "unavailable", "error": "<why>"}} with 503 otherwise.
 */
record Health(
        @JsonProperty("status") String status,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    static Reply reply(Optional<String> unavailable, JsonReplies json) {
        Health health = unavailable.map(why -> new Health("unavailable", why)).orElse(new Health("ok", null));
        return new Reply(unavailable.isPresent() ? 503 : 200, Reply.JSON,
                json.toJson(health).getBytes(StandardCharsets.UTF_8), false);
    }
}
