package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassPreloaderTest {

    @Test
    void readsTheServersOwnClassesFromTheJdkClassList() {
        assertThat(ClassPreloader.className("io/netty/channel/Channel")).isEqualTo("io.netty.channel.Channel");
        assertThat(ClassPreloader.className("io/nats/client/Nats id: 7")).isEqualTo("io.nats.client.Nats");
        assertThat(ClassPreloader.className("io/natsjms/server/broker/NatsBroker$1"))
                .isEqualTo("io.natsjms.server.broker.NatsBroker$1");
        for (String skipped : List.of("", "# comment", "@lambda-proxy java/lang/Object run", "java/lang/Object",
                "jdk/internal/misc/Signal", "sun/nio/ch/Net", "picocli/CommandLine", "io/natsjms/server/cli/Main")) {
            assertThat(ClassPreloader.className(skipped)).as(skipped).isNull();
        }
    }

    @Test
    void theListNamesClassesOfTheServerThatExist() throws IOException {
        try (InputStream list = ClassPreloader.class.getResourceAsStream(ClassPreloader.LIST)) {
            assertThat(list).as(ClassPreloader.LIST).isNotNull();
            List<String> names = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(ClassPreloader::className).filter(name -> name != null).toList();
            assertThat(names).contains("io.natsjms.server.broker.NatsBroker", "io.netty.bootstrap.ServerBootstrap",
                    "io.nats.client.impl.NatsConnection", "io.natsjms.server.streaming.EngineWiring");
            List<String> missing = names.stream().filter(name -> !exists(name)).toList();
            assertThat(missing.size()).as("classes of the list that do not exist (regenerate it, see its header): %s",
                    missing).isLessThan(names.size() / 10);
        }
    }

    private boolean exists(String name) {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
