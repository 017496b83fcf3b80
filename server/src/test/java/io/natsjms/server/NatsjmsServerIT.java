package io.natsjms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole server in this JVM: where it listens, and that it closes once. */
class NatsjmsServerIT {

    @Test
    void monitoringListensOnTheBrokersAddressLikeTheOriginal() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId("bind").host("127.0.0.1").port(0).monitorPort(0).build();
        try (NatsjmsServer server = NatsjmsServer.start(config)) {
            assertThat(server.monitorAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(server.monitorAddress().getPort()).isEqualTo(server.monitorPort()).isPositive();
            try (Socket loopback = new Socket("127.0.0.1", server.monitorPort())) {
                assertThat(loopback.isConnected()).isTrue();
            }
            Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent()) {
                assertThat(reachable(other.get(), server.monitorPort()))
                        .as("the monitoring port on %s", other.get()).isFalse();
            }
        }
    }

    @Test
    void anExplicitMonitoringHostWins() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId("bind").host("127.0.0.1").port(0).monitorPort(0)
                .monitorHost("0.0.0.0").build();
        try (NatsjmsServer server = NatsjmsServer.start(config)) {
            assertThat(server.monitorAddress().getAddress().isAnyLocalAddress()).isTrue();
        }
    }

    @Test
    void aMonitoringPortInUseFailsTheStartAndReleasesTheBoundNatsPort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             java.nio.channels.ServerSocketChannel bound = java.nio.channels.ServerSocketChannel.open()) {
            bound.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            ServerConfig config = ServerConfig.builder().clusterId("taken").host("127.0.0.1").port(0)
                    .monitorPort(taken.getLocalPort()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NatsjmsServer.start(config, bound))
                    .isInstanceOf(java.io.IOException.class);
            assertThat(bound.isOpen()).as("the NATS socket handed to the server").isFalse();
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        NatsjmsServer server = NatsjmsServer.start(ServerConfig.builder().clusterId("twice").host("127.0.0.1")
                .port(0).build());
        server.close();
        server.close();
        assertThat(reachable(InetAddress.getLoopbackAddress(), server.natsPort())).isFalse();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 2_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
