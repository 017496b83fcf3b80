package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class list the build makes the class-data-sharing archive of: a stale list only makes the
 * start slower, which no other test would notice, so this one checks the list still names the
 * server's classes.
 */
class StartupClassesTest {

    private static final String LIST = "/META-INF/natsjms/startup-classes.lst";

    @Test
    void theListNamesTheClassesOfTheServerAndItsLibrariesThatExist() throws IOException {
        List<String> names;
        try (InputStream list = StartupClassesTest.class.getResourceAsStream(LIST)) {
            assertThat(list).as(LIST).isNotNull();
            names = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("@"))
                    .map(line -> line.split(" ")[0].replace('/', '.'))
                    .filter(name -> name.startsWith("io.") || name.startsWith("org.mapdb.")
                            || name.startsWith("com.google.protobuf.") || name.startsWith("picocli."))
                    .toList();
        }
        assertThat(names).contains("io.natsjms.server.cli.Main", "io.natsjms.server.broker.NatsBroker",
                "io.netty.bootstrap.ServerBootstrap", "io.nats.client.impl.NatsConnection",
                "io.natsjms.server.streaming.EngineWiring", "io.natsjms.store.mapdb.MapDbStore");
        List<String> missing = names.stream().filter(StartupClassesTest::missing).toList();
        assertThat(missing).as("classes of the list that no longer exist: regenerate it (see its header)")
                .hasSizeLessThan(names.size() / 10);
    }

    private static boolean missing(String name) {
        try {
            Class.forName(name, false, StartupClassesTest.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
    }
}
