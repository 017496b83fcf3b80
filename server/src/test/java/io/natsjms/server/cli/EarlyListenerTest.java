package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EarlyListenerTest {

    private static ServerConfig config(String host, int port) {
        return ServerConfig.builder().host(host).port(port).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a 127.0.0.1 -p 0", "--addr=127.0.0.1 --port=0 -SD", "-addr 127.0.0.1 -port 0 -P pid",
            "-cid x -a 127.0.0.1 -mm 10 -p 0", "-c nats.conf -a 127.0.0.1 -p 0"})
    void theCommandLinesAddressIsBoundAndHandedToTheBrokerWhenTheConfigurationAgrees(String line) throws Exception {
        EarlyListener listener = EarlyListener.bind(line.split(" "));
        ServerSocketChannel bound = listener.claim(config("127.0.0.1", 0));
        assertThat(bound).isNotNull();
        try (bound) {
            InetSocketAddress address = (InetSocketAddress) bound.getLocalAddress();
            assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isPositive();
        }
        assertThat(listener.claim(config("127.0.0.1", 0))).as("claimed once").isNull();
    }

    @Test
    void aDifferentResultClosesTheSocket() throws Exception {
        EarlyListener listener = EarlyListener.bind(new String[] {"-a", "127.0.0.1", "-p", "0"});
        assertThat(listener.claim(config("127.0.0.2", 0))).isNull();
        assertThat(listener.claim(config("127.0.0.1", 0))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-c nats.conf -p 0", "-sc stan.conf -a 127.0.0.1", "-a 127.0.0.1 -p 0 -ns nats://h:4222",
            "-a 127.0.0.1 -p x", "-a 127.0.0.1 -p 70000", "-a 127.0.0.1 -p 0 --help", "-a 127.0.0.1 -p"})
    void nothingIsBoundWhenTheCommandLineAloneDoesNotDecideTheAddress(String line) {
        EarlyListener listener = EarlyListener.bind(line.split(" "));
        assertThat(listener.claim(config("127.0.0.1", 0))).isNull();
        assertThat(listener.claim(ServerConfig.builder().host("0.0.0.0").port(0).build())).isNull();
    }

    @Test
    void aPortInUseIsLeftToTheBroker() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            EarlyListener listener = EarlyListener.bind(new String[] {"-a", "127.0.0.1", "-p", String.valueOf(port)});
            assertThat(listener.claim(config("127.0.0.1", port))).isNull();
        }
    }
}
