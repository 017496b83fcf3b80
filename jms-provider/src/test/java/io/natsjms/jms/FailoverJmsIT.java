package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.store.jetstream.NatsServerNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider across a failover: two servers of one fault-tolerance group on the JetStream store
 * (child JVMs of the packaged server jar, over a {@code nats-server -js}); the active one is killed
 * with SIGKILL while a JMS producer sends and a JMS durable subscriber listens. Every acknowledged send
 * arrives, and the durable resumes on the new active server. About 15 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailoverJmsIT {

    private static final String READY = "Streaming Server is ready";
    private static final Path SERVER_JAR = Path.of("../server/target/natsjms-server.jar");

    @TempDir
    Path dir;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @Test
    void aDurableSubscriberAndAProducerGoOnAcrossTheKillOfTheActiveServer() throws Exception {
        assertThat(SERVER_JAR).as("the server jar (mvn package of the server module)").isRegularFile();
        NatsServerNode nats = NatsServerNode.standalone(dir);
        opened.push(nats);
        Member active = Member.start(nats.url(), READY);
        opened.push(active);
        Member standby = Member.start(nats.url(), "standing by");
        opened.push(standby);

        Set<String> received = ConcurrentHashMap.newKeySet();
        Connection reader = connect(nats.url(), "reader");
        Session readerSession = reader.createSession();
        Topic topic = readerSession.createTopic("news");
        readerSession.createDurableConsumer(topic, "d").setMessageListener(m -> {
            try {
                received.add(((TextMessage) m).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        Session writer = connect(nats.url(), null).createSession();
        MessageProducer producer = writer.createProducer(topic);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            if (i == 30) {
                active.kill();
            }
            String text = "n" + i;
            while (true) {
                try {
                    producer.send(writer.createTextMessage(text));
                    break;
                } catch (JMSException notAcknowledged) {
                    // no active server for a moment: the same message again
                }
            }
            sent.add(text);
        }
        assertThat(standby.output()).contains(READY);
        await("every acknowledged send delivered").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(received).containsAll(sent));

        reader.close();
        Session again = connect(nats.url(), "reader").createSession();
        MessageConsumer resumed = again.createDurableConsumer(topic, "d");
        producer.send(writer.createTextMessage("after"));
        TextMessage next = (TextMessage) resumed.receive(15_000);
        while (next != null && !next.getText().equals("after")) {
            next = (TextMessage) resumed.receive(15_000);
        }
        assertThat(next).as("the durable resumes on the new active server").isNotNull();
    }

    private Connection connect(String url, String clientId) throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of(url), "c", clientId, null, null, d.connectTimeout(),
                Duration.ofSeconds(2), d.maxInFlight(), d.ackWait(), false, d.codec(), d.pingInterval(),
                d.pingMaxOut());
        NatsConnection connection = NatsConnection.open(config, null, null);
        opened.push(connection);
        connection.start();
        return connection;
    }

    @AfterEach
    void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // a server killed on purpose, or closed already
            }
        }
    }

    /** A server of the group, a child JVM whose output is collected. */
    private static final class Member implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        private Member(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.append(line).append('\n');
                    }
                } catch (IOException e) {
                    output.append(e);
                }
            }, "member-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Member start(String natsUrl, String awaited) throws IOException {
            Member member = new Member(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", SERVER_JAR.toString(), "-ns", natsUrl, "-cid", "c", "-st", "JETSTREAM",
                    "--js_lease", "1s", "--ft_group", "g").redirectErrorStream(true).start());
            await(awaited).atMost(Duration.ofSeconds(60))
                    .until(() -> member.output().contains(awaited) || !member.process.isAlive());
            assertThat(member.output()).as("a group member's output").contains(awaited);
            return member;
        }

        String output() {
            return output.toString();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
