package io.natsjms.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A broker started held ({@link NatsBroker#startHeld}) greets nobody on its listen address until
 * {@link NatsBroker#open()}, while its in-process clients are served at once; the clients that waited
 * are served once it opens, and reach the in-process clients' subscriptions made before.
 */
class HeldBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Received(String subject, byte[] data) {
    }

    @Test
    void clientsOfTheListenAddressWaitUntilOpenWhileInProcessClientsAreServedAtOnce() throws Exception {
        try (NatsBroker broker = NatsBroker.startHeld(BrokerConfig.builder().host("127.0.0.1").port(0).build())) {
            InternalClient engine = broker.connectInternal("engine");
            InternalClient other = broker.connectInternal("other");
            CompletableFuture<Received> whileHeld = new CompletableFuture<>();
            CompletableFuture<Received> afterOpen = new CompletableFuture<>();
            engine.subscribe("held.>", (subject, replyTo, headers, data) -> whileHeld.complete(new Received(subject, data)));
            engine.subscribe("open.>", (subject, replyTo, headers, data) -> afterOpen.complete(new Received(subject, data)));
            try (Socket early = connect(broker.port())) {
                BufferedReader earlyIn = reader(early);
                other.publish("held.x", null, new byte[] {1});
                assertThat(whileHeld.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).subject()).isEqualTo("held.x");
                early.setSoTimeout(300);
                assertThatThrownBy(earlyIn::readLine).as("a greeting before open()")
                        .isInstanceOf(SocketTimeoutException.class);

                broker.open();
                early.setSoTimeout((int) WAIT.toMillis());
                assertThat(earlyIn.readLine()).startsWith("INFO ").contains("\"port\":" + broker.port());
                early.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPUB open.y 1\r\n2\r\nPING\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(earlyIn.readLine()).isEqualTo("PONG");
                Received received = afterOpen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(received.subject()).isEqualTo("open.y");
                assertThat(received.data()).containsExactly('2');
            }
            await().atMost(WAIT).until(() -> broker.connectionCount() == 2); // the in-process clients only
        }
    }

    @Test
    void openingABrokerStartedTheUsualWayChangesNothing() throws Exception {
        try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
             Socket socket = connect(broker.port())) {
            assertThat(reader(socket).readLine()).startsWith("INFO ");
            broker.open();
            try (Socket another = connect(broker.port())) {
                assertThat(reader(another).readLine()).startsWith("INFO ");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }
}
