package io.natsjms.server.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the server's channels and subscriptions from {@code /streaming/channelsz?subs=1}. */
final class Monitor {

    /** One channel as the server reports it. */
    record ChannelState(String name, long msgs, long firstSeq, long lastSeq, List<SubState> subs) {
    }

    /** One subscription as the server reports it. */
    record SubState(String clientId, String durableName, String queueName, boolean durable, boolean offline) {

        /**
         * What identifies the subscription to the model: kind, owner and name. An offline durable queue
         * group (its shadow) keeps no owner.
         */
        String key() {
            if (queueName.isEmpty()) {
                return durable ? "durable " + clientId + "/" + durableName + (offline ? " offline" : " online")
                        : "plain " + clientId;
            }
            if (queueName.contains(":")) {
                return offline ? "durable-queue " + queueName + " offline" : "durable-queue " + queueName + " member of "
                        + clientId;
            }
            return "queue " + queueName + " member of " + clientId;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    Monitor(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/streaming/channelsz?subs=1");
    }

    /** Every channel by name. */
    Map<String, ChannelState> channels() {
        JsonNode body;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
        Map<String, ChannelState> channels = new HashMap<>();
        for (JsonNode channel : body.path("channels")) {
            List<SubState> subs = new ArrayList<>();
            for (JsonNode sub : channel.path("subscriptions")) {
                subs.add(new SubState(sub.path("client_id").asText(""), sub.path("durable_name").asText(""),
                        sub.path("queue_name").asText(""), sub.path("is_durable").asBoolean(),
                        sub.path("is_offline").asBoolean()));
            }
            String name = channel.path("name").asText();
            channels.put(name, new ChannelState(name, channel.path("msgs").asLong(), channel.path("first_seq").asLong(),
                    channel.path("last_seq").asLong(), subs));
        }
        return channels;
    }
}
