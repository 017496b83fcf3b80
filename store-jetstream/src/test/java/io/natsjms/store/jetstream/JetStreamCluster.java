package io.natsjms.store.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import java.io.IOException;
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

    /** The node that leads the first stream whose name starts with {@code streamPrefix}. */
    public NatsServerNode leaderOf(String streamPrefix) throws IOException, InterruptedException, JetStreamApiException {
        try (Connection connection = Nats.connect(new Options.Builder().servers(urls().split(",")).build())) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            String stream = jsm.getStreamNames().stream().filter(name -> name.startsWith(streamPrefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no stream named " + streamPrefix + "..."));
            String leader = jsm.getStreamInfo(stream).getClusterInfo().getLeader();
            return nodes.stream().filter(node -> node.name().equals(leader)).findFirst()
                    .orElseThrow(() -> new AssertionError("stream " + stream + " is led by " + leader + ", not a node of ours"));
        }
    }

    /** Waits until every stream has a leader and its two other replicas are current (a restarted node caught up). */
    public void awaitEveryReplicaCurrent() {
        Awaitility.await("every replica current").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    try (Connection connection = Nats.connect(new Options.Builder().servers(urls().split(",")).build())) {
                        JetStreamManagement jsm = connection.jetStreamManagement();
                        for (String name : jsm.getStreamNames()) {
                            ClusterInfo info = jsm.getStreamInfo(name).getClusterInfo();
                            if (info.getLeader() == null || info.getReplicas() == null
                                    || info.getReplicas().size() != nodes.size() - 1
                                    || !info.getReplicas().stream().allMatch(r -> r.isCurrent() && !r.isOffline())) {
                                return false;
                            }
                        }
                        return true;
                    }
                });
    }

    /** The warnings, errors and leader changes every node logged, to explain a failure. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (NatsServerNode node : nodes) {
            all.append(String.format("%n--- %s (warnings, errors, leaders) ---%n", node.name()));
            node.log().lines().filter(line -> line.contains("[WRN]") || line.contains("[ERR]") || line.contains("leader"))
                    .forEach(line -> all.append(line).append('\n'));
        }
        return all.toString();
    }

    @Override
    public void close() {
        nodes.forEach(NatsServerNode::close);
    }
}
