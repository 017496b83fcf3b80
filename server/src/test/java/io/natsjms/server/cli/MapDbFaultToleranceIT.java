package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.store.jetstream.NatsServerNode;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance on MapDB: two servers of one group share a data directory; the one holding its lock
 * is active, the other waits for the lock and takes over when the active dies. About 10 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapDbFaultToleranceIT {

    @TempDir
    Path dir;

    @Test
    void theStandbyTakesTheSharedDirectoryOverWhenTheActiveIsKilled() throws Exception {
        try (NatsServerNode nats = NatsServerNode.standalone(dir.resolve("nats"))) {
            String[] member = {"-ns", nats.url(), "-cid", "ftm", "-st", "MAPDB",
                "--dir", dir.resolve("shared").toString(), "--ft_group", "g"};
            try (ChildProcess active = ServerJar.startReady(member);
                 ChildProcess standby = new ChildProcess(ServerJar.command(member))) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> standby.output().contains("standing by") || !standby.isAlive());
                assertThat(standby.isAlive()).as("the standby waits; its output:%n%s", standby.output()).isTrue();
                try (Connection connection = Nats.connect(new io.nats.client.Options.Builder().server(nats.url())
                        .maxReconnects(-1).build())) {
                    StreamingConnection stan = NatsStreaming.connect("ftm", "client", new Options.Builder()
                            .natsConn(connection).pubAckWait(Duration.ofSeconds(5)).build());
                    for (int i = 0; i < 20; i++) {
                        stan.publish("orders", ("before-" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    active.kill();
                    await("the standby takes over").atMost(Duration.ofSeconds(30))
                            .until(() -> standby.output().contains(ServerJar.READY));
                    for (int i = 0; i < 20; i++) {
                        stan.publish("orders", ("after-" + i).getBytes(StandardCharsets.UTF_8));
                    }
                    Set<String> received = ConcurrentHashMap.newKeySet();
                    stan.subscribe("orders", m -> received.add(new String(m.getData(), StandardCharsets.UTF_8)),
                            new SubscriptionOptions.Builder().deliverAllAvailable().build());
                    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 40);
                    assertThat(received).hasSize(40).contains("before-0", "before-19", "after-0", "after-19");
                }
            }
        }
    }
}
