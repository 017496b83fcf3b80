package io.natsjms.server.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    private static final String PATH = "/streaming/channelsz?subs=1";
    private final int port;
    private long calls;
    private long nanos;

    Monitor(int port) {
        this.port = port;
    }

    /** Every channel by name. */
    Map<String, ChannelState> channels() {
        long t0 = System.nanoTime();
        try {
            return parse(get());
        } finally {
            calls++;
            nanos += System.nanoTime() - t0;
        }
    }

    String timing() {
        return calls + " monitor calls, " + (calls == 0 ? 0 : nanos / calls / 1000) + " us each";
    }

    /**
     * One HTTP/1.0 request on a new connection. (On a kept-alive connection the JDK's HTTP server, which
     * does not set TCP_NODELAY, answers a client that delays its ACKs only after about 40 ms.)
     */
    private String get() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(("GET " + PATH + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200") || body < 0) {
                throw new IllegalStateException(PATH + " answered: " + response);
            }
            return response.substring(body + 4);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH + " on port " + port, e);
        }
    }

    private static Map<String, ChannelState> parse(String json) {
        JsonNode body;
        try {
            body = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
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
