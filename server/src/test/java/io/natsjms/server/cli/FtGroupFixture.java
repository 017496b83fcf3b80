package io.natsjms.server.cli;

import static org.awaitility.Awaitility.await;

import io.natsjms.store.jetstream.JetStreamCluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A 3-node nats-server cluster with JetStream, natsjms servers of one fault-tolerance group on it (each
 * a {@code java -jar} child process on the JetStream store with 3 replicas), and official STAN clients;
 * everything is closed by {@link #close()}.
 */
final class FtGroupFixture implements AutoCloseable {

    static final String CLUSTER_ID = "ft";
    static final String STANDING_BY = "standing by";

    private final JetStreamCluster cluster;
    private final Duration lease;
    private final List<ChildProcess> members = new ArrayList<>();
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();

    FtGroupFixture(Path dir, Duration lease) {
        this.cluster = JetStreamCluster.start(dir, 3);
        this.lease = lease;
    }

    JetStreamCluster cluster() {
        return cluster;
    }

    /** Starts a member of the group and waits until it is active. */
    ChildProcess startActive() throws IOException {
        ChildProcess member = startMember();
        await("an active member").atMost(Duration.ofSeconds(60))
                .until(() -> member.output().contains(ServerJar.READY) || !member.isAlive());
        return member;
    }

    /** Starts a member of the group and waits until it stands by. */
    ChildProcess startStandby() throws IOException {
        ChildProcess member = startMember();
        await("a standby member").atMost(Duration.ofSeconds(60))
                .until(() -> member.output().contains(STANDING_BY) || !member.isAlive());
        return member;
    }

    private ChildProcess startMember() throws IOException {
        ChildProcess member = new ChildProcess(ServerJar.command("-ns", cluster.urls(), "-cid", CLUSTER_ID,
                "-st", "JETSTREAM", "--js_replicas", "3", "--js_lease", lease.toMillis() + "ms", "--ft_group", "g"));
        members.add(member);
        return member;
    }

    /** What each member wrote so far, to explain a failed wait. */
    String outputs() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < members.size(); i++) {
            all.append(String.format("%n--- member %d (pid %d, alive %s) ---%n", i, members.get(i).pid(),
                    members.get(i).isAlive())).append(members.get(i).output());
        }
        return all.toString();
    }

    /** A NATS connection to the cluster that reconnects for ever. */
    Connection natsConnection() throws IOException, InterruptedException {
        Connection connection = Nats.connect(new io.nats.client.Options.Builder()
                .servers(cluster.urls().split(",")).maxReconnects(-1).reconnectWait(Duration.ofMillis(100))
                .build());
        clients.push(connection);
        return connection;
    }

    /** An official STAN client of the group's cluster ID on its own NATS connection. */
    StreamingConnection stan(String clientId, Duration pubAckWait) throws IOException, InterruptedException {
        Connection nats = natsConnection();
        StreamingConnection connection = NatsStreaming.connect(CLUSTER_ID, clientId, new Options.Builder()
                .natsConn(nats).pubAckWait(pubAckWait).connectWait(Duration.ofSeconds(10)).build());
        clients.push(connection);
        return connection;
    }

    @Override
    public void close() throws Exception {
        while (!clients.isEmpty()) {
            try {
                clients.pop().close();
            } catch (Exception e) {
                // the server may be gone; closing the rest matters more
            }
        }
        for (ChildProcess member : members) {
            member.close();
        }
        cluster.close();
    }
}
