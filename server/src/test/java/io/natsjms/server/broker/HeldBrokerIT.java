package io.natsjms.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A broker started held ({@link NatsBroker#startHeld}) greets nobody on its listen address until
 * {@link NatsBroker#open()}, while its internal listener serves at once; the clients that waited
 * are served once it opens, and the internal listener is gone then.
 */
class HeldBrokerIT {

    @Test
    void clientsOfTheListenAddressWaitUntilOpenWhileTheInternalListenerServesAtOnce() throws Exception {
        try (NatsBroker broker = NatsBroker.startHeld(BrokerConfig.builder().host("127.0.0.1").port(0).build())) {
            URI internal = URI.create(broker.internalUrl());
            assertThat(internal.getPort()).isNotEqualTo(broker.port());
            try (Socket early = connect(broker.port()); Socket inProcess = connect(internal.getPort())) {
                BufferedReader earlyIn = reader(early);
                BufferedReader inProcessIn = reader(inProcess);
                assertThat(inProcessIn.readLine()).startsWith("INFO ");
                early.setSoTimeout(300);
                assertThatThrownBy(earlyIn::readLine).as("a greeting before open()")
                        .isInstanceOf(SocketTimeoutException.class);

                broker.open();
                early.setSoTimeout(10_000);
                assertThat(earlyIn.readLine()).startsWith("INFO ");
                inProcess.getOutputStream().write("CONNECT {\"verbose\":false}\r\nPING\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(inProcessIn.readLine()).as("the internal connection outlives its listener")
                        .isEqualTo("PONG");
            }
            assertThat(broker.internalUrl()).isEqualTo(broker.url());
            assertThatThrownBy(() -> connect(internal.getPort()).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aBrokerStartedTheUsualWayHasNoInternalListener() {
        try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build())) {
            assertThat(broker.internalUrl()).isEqualTo(broker.url());
            broker.open();
            assertThat(broker.internalUrl()).isEqualTo(broker.url());
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
