package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many connections throwing random and mangled protocol bytes at the broker, for a bounded time and
 * number of connections, while well-behaved jnats clients keep doing request/reply: the broker must
 * keep serving them, and clean up after every bad connection.
 */
class RobustnessIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration STORM = Duration.ofSeconds(4);
    private static final int ATTACKERS = 12;
    private static final int CONNECTIONS_PER_ATTACKER = 40;
    private static final String[] VALID = {
            "CONNECT {\"verbose\":true,\"pedantic\":true,\"headers\":true,\"no_responders\":true}\r\n",
            "PING\r\n", "PONG\r\n", "SUB storm.* 1\r\n", "SUB storm.> q 2\r\n", "UNSUB 1 3\r\n", "UNSUB 2\r\n",
            "PUB storm.x 5\r\nhello\r\n", "PUB storm.y _INBOX.r 3\r\nabc\r\n",
            "HPUB storm.h 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "PUB service.echo _INBOX.z 1\r\nx\r\n"};

    @Test
    void randomAndMalformedInputNeverDisturbsWellBehavedClients() throws Exception {
        BrokerConfig config = BrokerConfig.builder().host("127.0.0.1").port(0).maxPayload(64 * 1024)
                .maxControlLine(1024).build();
        try (NatsBroker broker = NatsBroker.start(config);
             Connection responder = Nats.connect(broker.url());
             Connection requester = Nats.connect(broker.url())) {
            responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData())).subscribe("service.echo");
            responder.flush(WAIT);
            assertThat(requester.request("service.echo", new byte[1], WAIT)).isNotNull(); // creates its inbox
            int baselineSubscriptions = broker.subscriptionCount();

            ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
            long deadline = System.nanoTime() + STORM.toNanos();
            AtomicInteger attacks = new AtomicInteger();
            List<Future<?>> attackers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                long seed = 1000L + i;
                attackers.add(pool.submit(() -> attack(broker.port(), new Random(seed), deadline, attacks)));
            }

            int roundTrips = 0;
            while (System.nanoTime() < deadline) {
                byte[] payload = ("request " + roundTrips).getBytes(StandardCharsets.UTF_8);
                Message reply = requester.request("service.echo", payload, WAIT);
                assertThat(reply).as("reply %d during the storm", roundTrips).isNotNull();
                assertThat(reply.getData()).isEqualTo(payload);
                roundTrips++;
            }
            for (Future<?> attacker : attackers) {
                attacker.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(attacks.get()).isGreaterThan(ATTACKERS);
            assertThat(roundTrips).isPositive();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(broker.connectionCount()).as("connections").isEqualTo(2);
                assertThat(broker.subscriptionCount()).as("subscriptions").isEqualTo(baselineSubscriptions);
            });
            try (Connection late = Nats.connect(broker.url())) {
                Message reply = late.request("service.echo", "after".getBytes(StandardCharsets.UTF_8), WAIT);
                assertThat(reply).isNotNull();
            }
        }
    }

    private static void attack(int port, Random random, long deadline, AtomicInteger attacks) {
        for (int i = 0; i < CONNECTIONS_PER_ATTACKER && System.nanoTime() < deadline; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(200);
                OutputStream out = socket.getOutputStream();
                byte[] input = garbage(random);
                int offset = 0;
                while (offset < input.length) {
                    int chunk = Math.min(input.length - offset, 1 + random.nextInt(512));
                    out.write(input, offset, chunk);
                    offset += chunk;
                }
                out.flush();
                drainBriefly(socket.getInputStream());
                if (random.nextBoolean()) {
                    socket.setSoLinger(true, 0); // reset instead of an orderly close
                }
                attacks.incrementAndGet();
            } catch (IOException e) {
                attacks.incrementAndGet(); // the broker hung up on us: exactly what it may do
            }
        }
    }

    private static byte[] garbage(Random random) {
        StringBuilder valid = new StringBuilder();
        for (int i = random.nextInt(20); i >= 0; i--) {
            valid.append(VALID[random.nextInt(VALID.length)]);
        }
        byte[] bytes = valid.toString().getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(4)) {
            case 0 -> random.nextBytes(bytes = new byte[1 + random.nextInt(8192)]);
            case 1 -> {
                for (int flips = 1 + random.nextInt(5); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            default -> { } // valid frames, then an abrupt hang-up
        }
        return bytes;
    }

    private static void drainBriefly(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // timeout or reset: done either way
        }
    }
}
