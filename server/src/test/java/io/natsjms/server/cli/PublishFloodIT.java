package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.PubMsg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that publishes far more than the server can store without waiting for a single PubAck:
 * the server, in a child JVM with a small heap, keeps its memory bounded (what it cannot take in is
 * dropped, never acknowledged) and goes on serving everyone afterwards. Without the bound, its
 * engine ran out of heap and the process stayed up answering nothing.
 */
class PublishFloodIT {

    private static final String CLUSTER = "flood-cluster";
    private static final int MESSAGES = 600_000;
    private static final int PAYLOAD = 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long one attempt of a client after the flood may take. */
    private static final Duration ATTEMPT = Duration.ofSeconds(10);
    /** How soon after the flood the server must serve a new client again. */
    private static final Duration SERVING_AGAIN = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^\\s]+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void aPublishFloodLeavesTheServerServing() throws Exception {
        try (ChildProcess server = new ChildProcess(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-a", "127.0.0.1", "-p", "0", "-cid", CLUSTER, "-st", "MAPDB", "--dir", dir.toString(),
                "--max_msgs", "10000"))) {
            await("Streaming Server is ready").atMost(WAIT)
                    .until(() -> server.output().contains("Streaming Server is ready") || !server.isAlive());
            assertThat(server.isAlive()).as("the server runs; its output:%n%s", server.output()).isTrue();
            Matcher port = LISTENING.matcher(server.output());
            assertThat(port.find()).isTrue();
            String url = "nats://127.0.0.1:" + port.group(1);

            long start = System.nanoTime();
            try {
                flood(url);
            } catch (Exception | AssertionError e) {
                String output = server.output();
                throw new AssertionError("the flood failed: " + e + " (server alive: " + server.isAlive()
                        + "); the server's output ends with:\n" + output.substring(Math.max(0, output.length() - 6000)), e);
            }
            System.out.println("PublishFloodIT: flood sent in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            long floodEnd = System.nanoTime();

            try {
                checkServing(url, floodEnd);
            } catch (Exception | AssertionError e) {
                String output = server.output();
                throw new AssertionError("not serving after the flood: " + e + "; the server's output ends with:\n"
                        + output.substring(Math.max(0, output.length() - 6000)), e);
            }
            assertThat(server.isAlive()).isTrue();
            assertThat(server.output()).doesNotContain("OutOfMemoryError").doesNotContain("fatal error");
            server.terminate();
            server.waitFor(WAIT.toSeconds());
        }
    }

    /**
     * Connects a new STAN client, which publishes and receives a message. Requests that reach the
     * server while it still drops input (the flood's backlog) time out, as they would for any client,
     * so a client tries again, under a new ID, until {@link #SERVING_AGAIN} is up.
     */
    private static void checkServing(String url, long floodEnd) throws Exception {
        long deadline = floodEnd + SERVING_AGAIN.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                serveOnce(url, "after-the-flood-" + attempt);
                System.out.println("PublishFloodIT: served again " + (System.nanoTime() - floodEnd) / 1_000_000
                        + " ms after the flood, at attempt " + attempt);
                return;
            } catch (IOException | TimeoutException | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void serveOnce(String url, String clientId) throws Exception {
        try (Connection nc = Nats.connect(url)) {
            StreamingConnection healthy = NatsStreaming.connect(CLUSTER, clientId, new Options.Builder()
                    .natsConn(nc).connectWait(ATTEMPT).pubAckWait(ATTEMPT).build());
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            healthy.subscribe("health", received::add, new SubscriptionOptions.Builder().build());
            healthy.publish("health", "still here".getBytes(StandardCharsets.UTF_8));
            Message message = received.poll(ATTEMPT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("delivery after the flood").isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("still here");
            healthy.close();
        }
    }

    /** Registers a STAN client and publishes {@link #MESSAGES} PubMsgs on its behalf, reading no PubAck. */
    private static void flood(String url) throws Exception {
        try (Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(url)
                .maxMessagesInOutgoingQueue(100_000).build())) {
            ConnectRequest connect = ConnectRequest.newBuilder().setClientID("flooder")
                    .setHeartbeatInbox(nc.createInbox()).build();
            ConnectResponse response = ConnectResponse.parseFrom(nc.request("_STAN.discover." + CLUSTER,
                    connect.toByteArray(), WAIT).getData());
            assertThat(response.getError()).isEmpty();
            String subject = response.getPubPrefix() + ".flood";
            String acksNobodyReads = nc.createInbox();
            ByteString data = ByteString.copyFrom(new byte[PAYLOAD]);
            for (int i = 0; i < MESSAGES; i++) {
                PubMsg msg = PubMsg.newBuilder().setClientID("flooder").setGuid("g" + i).setSubject("flood")
                        .setData(data).build();
                nc.publish(subject, acksNobodyReads, msg.toByteArray());
                if (i % 10_000 == 0) {
                    nc.flush(WAIT); // paced by the broker only, not by the streaming server
                }
            }
            nc.flush(WAIT);
        }
    }
}
