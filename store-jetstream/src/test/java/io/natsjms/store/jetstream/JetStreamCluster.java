package io.natsjms.store.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A cluster of {@code nats-server -js} child processes on 127.0.0.1 (ports chosen free), each storing in
 * its own directory under the test's, started and awaited until JetStream answers.
 */
public final class JetStreamCluster implements AutoCloseable {

    private final List<NatsServerNode> nodes;

    private JetStreamCluster(List<NatsServerNode> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code size} nodes routed to each other and waits until JetStream is available. */
    public static JetStreamCluster start(Path dir, int size) {
        List<Integer> ports = new ArrayList<>();
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(NatsServerNode.freePort());
            clusterPorts.add(NatsServerNode.freePort());
        }
        String routes = clusterPorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
        List<NatsServerNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(NatsServerNode.member("n" + (i + 1), ports.get(i), clusterPorts.get(i),
                    dir.resolve("n" + (i + 1)), "natsjms-test", routes));
        }
        JetStreamCluster cluster = new JetStreamCluster(nodes);
        try {
            nodes.forEach(NatsServerNode::start);
            cluster.awaitJetStream();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<NatsServerNode> nodes() {
        return nodes;
    }

    /** The client URLs of every node, comma-separated. */
    public String urls() {
        return nodes.stream().map(NatsServerNode::url).collect(Collectors.joining(","));
    }

    /** Waits until the cluster has a JetStream meta leader (stream requests are answered). */
    public void awaitJetStream() {
        Awaitility.await("JetStream available in the cluster").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    try (Connection connection = Nats.connect(new Options.Builder()
                            .servers(nodes.stream().filter(NatsServerNode::isAlive).map(NatsServerNode::url)
                                    .toArray(String[]::new)).connectionTimeout(Duration.ofSeconds(1)).build())) {
                        connection.jetStreamManagement().getAccountStatistics();
                        return true;
                    }
                });
    }

    @Override
    public void close() {
        nodes.forEach(NatsServerNode::close);
    }
}
