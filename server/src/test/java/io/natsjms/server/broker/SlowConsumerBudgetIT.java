package io.natsjms.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many subscribers that never read, one publisher on their subject, and a probe: the broker's memory
 * holds whatever the number of clients, because the budget of all clients' pending bytes cuts the
 * slow ones once it is exhausted, each long before its own 64 MB limit. The broker runs in a child JVM
 * whose direct memory (where its buffers live) is far smaller than subscribers × per-client limit:
 * without the budget, it runs out of direct memory and drops the publisher instead.
 */
class SlowConsumerBudgetIT {

    private static final int SUBSCRIBERS = 200;
    /** 20 MB: more than the whole budget, so that even the last subscriber standing is cut. */
    private static final int MESSAGES = 20_000;
    private static final int PAYLOAD = 1024;
    private static final String DIRECT_MEMORY = "64m";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s]+:(\\d+)");

    @TempDir
    Path dir;
    private Process broker;
    private final List<RawClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException, IOException {
        Path log = dir.resolve("broker.log");
        if (Files.exists(log)) {
            List<String> lines = Files.readAllLines(log);
            System.out.println("broker log: " + lines.size() + " lines, the first 20:");
            lines.stream().limit(20).forEach(System.out::println);
        }
        for (RawClient client : clients) {
            client.close();
        }
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void slowConsumersAreCutAndEveryoneElseIsServed() throws Exception {
        int port = startBroker();
        List<RawClient> slow = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            RawClient subscriber = open(RawClient.connect(port, 4096));
            subscriber.send("CONNECT {\"verbose\":false}\r\nSUB flood " + i + "\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            slow.add(subscriber);
        }
        RawClient probe = open(RawClient.connect(port));
        probe.send("CONNECT {\"verbose\":false}\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
        AtomicLong longestRoundTrip = new AtomicLong();
        AtomicReference<Throwable> probeFailure = new AtomicReference<>();
        Thread prober = new Thread(() -> probe(probe, longestRoundTrip, probeFailure), "probe");
        RawClient publisher = open(RawClient.connect(port));
        publisher.send("CONNECT {\"verbose\":false}\r\nPING\r\n").readUntilEndsWith("PONG\r\n");

        prober.start();
        byte[] frames = publishFrames(100);
        for (int sent = 0; sent < MESSAGES; sent += 100) {
            publisher.send(frames);
        }
        publisher.send("PING\r\n").readUntilEndsWith("PONG\r\n");

        for (RawClient subscriber : slow) {
            assertThat(subscriber.isClosedByBroker(WAIT)).as("slow consumer disconnected").isTrue();
            assertThat(subscriber.receivedBytes()).isLessThan((long) MESSAGES * PAYLOAD);
        }
        prober.interrupt();
        prober.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(probeFailure.get()).as("probe round trips").isNull();
        publisher.send("PING\r\n").readUntilEndsWith("PONG\r\nPONG\r\n");
        assertThat(probe.receivedText()).matches("(PONG\r\n)+");
        assertThat(broker.isAlive()).isTrue();
        String log = Files.readString(dir.resolve("broker.log"));
        assertThat(log).contains("slow consumer").doesNotContain("OutOfMemoryError").doesNotContain("fatal error");
        System.out.println("SlowConsumerBudgetIT: longest probe round trip "
                + TimeUnit.NANOSECONDS.toMillis(longestRoundTrip.get()) + " ms");
    }

    /** PING/PONG round trips until interrupted; records the longest, fails on the first one that gets no PONG. */
    private static void probe(RawClient probe, AtomicLong longest, AtomicReference<Throwable> failure) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long start = System.nanoTime();
                long expected = probe.receivedBytes() + "PONG\r\n".length();
                probe.send("PING\r\n").readUntilReceived(expected);
                longest.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private static byte[] publishFrames(int count) {
        StringBuilder frames = new StringBuilder();
        String payload = "x".repeat(PAYLOAD);
        for (int i = 0; i < count; i++) {
            frames.append("PUB flood ").append(PAYLOAD).append("\r\n").append(payload).append("\r\n");
        }
        return frames.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private RawClient open(RawClient client) {
        clients.add(client);
        return client;
    }

    /** Starts the broker alone in a child JVM with little direct memory; returns its port. */
    private int startBroker() throws IOException {
        Path log = dir.resolve("broker.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        broker = new ProcessBuilder(java, "-XX:MaxDirectMemorySize=" + DIRECT_MEMORY, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(), "-a", "127.0.0.1", "-p", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AtomicReference<Integer> port = new AtomicReference<>();
        await("the broker listening").atMost(Duration.ofSeconds(30)).until(() -> {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the broker exited: " + Files.readString(log));
            }
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                port.set(Integer.parseInt(matcher.group(1)));
            }
            return port.get() != null;
        });
        return port.get();
    }
}
