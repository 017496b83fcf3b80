package io.natsjms.server.chaos;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.Nats;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.PubMsg;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Transaction branches of sends (docs/protocol.md, "Transactions") from a client of their own, {@value #CLIENT},
 * registered over a NATS connection that rides out restarts: committed in one phase, or prepared and then
 * committed or rolled back at once or many steps (and restarts) later. The model learns a branch's sends
 * when it is prepared (sent, invisible), as confirmed once its commit answers, and never as visible again
 * once it is rolled back. After every restart, and at the end, RECOVER must list exactly the branches the
 * model holds as prepared, oldest first.
 */
final class TxSteps implements AutoCloseable {

    static final String CLIENT = "tx";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int XA_OK = 0;

    /** A prepared branch the run has not completed yet. */
    private record Branch(Xid xid, String channel, List<String> payloads) {
        @Override
        public String toString() {
            return xid.getGlobalId().toStringUtf8() + " (" + payloads.size() + " to " + channel + ")";
        }
    }

    private final Model model;
    private final Connection nc;
    private final Subjects subjects = Subjects.forCluster(ChaosServer.CLUSTER);
    private final NUID nuid = new NUID();
    private final ByteString connId = ByteString.copyFromUtf8(new NUID().next());
    private final List<Branch> prepared = new ArrayList<>();
    private int branches;
    private int payloads;
    private int commits;
    private int rollbacks;
    private int recovered;

    TxSteps(String natsUrl, Model model) throws Exception {
        this.model = model;
        this.nc = Nats.connect(new io.nats.client.Options.Builder().server(natsUrl).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50)).build());
        String hbInbox = "_INBOX." + nuid.next();
        Dispatcher heartbeats = nc.createDispatcher(m -> {
            if (m.getReplyTo() != null) {
                nc.publish(m.getReplyTo(), new byte[0]);
            }
        });
        heartbeats.subscribe(hbInbox);
        ConnectResponse response = ConnectResponse.parseFrom(request(subjects.discovery(), ConnectRequest.newBuilder()
                .setClientID(CLIENT).setHeartbeatInbox(hbInbox).setProtocol(1).setConnID(connId).setPingInterval(5)
                .setPingMaxOut(3).build().toByteArray()));
        if (!response.getError().isEmpty()) {
            throw new IllegalStateException("client " + CLIENT + " cannot connect: " + response.getError());
        }
    }

    /** How much the run did with transactions. */
    String coverage() {
        return branches + " transaction branches (" + commits + " commits, " + rollbacks + " rollbacks, "
                + recovered + " prepared branches listed after restarts)";
    }

    /** One transaction step: completes a prepared branch, or makes a new one, as {@code random} decides. */
    String step(Random random, String channel) {
        if (!prepared.isEmpty() && random.nextBoolean()) {
            Branch branch = prepared.remove(random.nextInt(prepared.size()));
            boolean commit = random.nextBoolean();
            if (commit ? commit(branch) : rollback(branch)) {
                return (commit ? "commits " : "rolls back ") + "prepared branch " + branch;
            }
            return "fails to complete " + branch;
        }
        Branch branch = new Branch(Xid.newBuilder().setFormatId(1).setGlobalId(ByteString.copyFromUtf8(
                "chaos-" + (++branches))).build(), channel, new ArrayList<>());
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            branch.payloads.add("tx" + (++payloads));
        }
        model.preparing(channel, branch.payloads);
        int kind = random.nextInt(3);
        if (kind == 0) {
            model.committing(channel, branch.payloads);
            if (expectOk(TxRequest.Op.COMMIT_ONE_PHASE, branch, withSends(branch))) {
                confirm(branch);
            }
            return "commits branch " + branch + " in one phase";
        }
        if (!expectOk(TxRequest.Op.PREPARE, branch, withSends(branch))) {
            return "fails to prepare " + branch;
        }
        if (kind == 1) {
            commit(branch);
            return "prepares and commits branch " + branch;
        }
        prepared.add(branch);
        return "prepares branch " + branch + " and leaves it prepared";
    }

    /** RECOVER lists exactly the branches still prepared, oldest first. */
    void checkRecover(String when) {
        TxResponse response = send(tx(TxRequest.Op.RECOVER, null));
        if (response == null) {
            return;
        }
        List<Xid> expected = prepared.stream().map(Branch::xid).sorted((a, b) -> Integer.compare(number(a),
                number(b))).toList();
        if (response.getXaCode() != XA_OK || !response.getPreparedList().equals(expected)) {
            model.violations.add(when + ": RECOVER answered " + response.getXaCode() + " " + names(response
                    .getPreparedList()) + " " + response.getError() + ", the model holds " + names(expected) + " prepared");
        }
        recovered += expected.size();
    }

    private static int number(Xid xid) {
        String name = xid.getGlobalId().toStringUtf8();
        return Integer.parseInt(name.substring(name.indexOf('-') + 1));
    }

    private static List<String> names(List<Xid> xids) {
        return xids.stream().map(x -> x.getGlobalId().toStringUtf8()).toList();
    }

    private boolean commit(Branch branch) {
        model.committing(branch.channel, branch.payloads);
        if (!expectOk(TxRequest.Op.COMMIT, branch, tx(TxRequest.Op.COMMIT, branch.xid))) {
            return false;
        }
        confirm(branch);
        return true;
    }

    private boolean rollback(Branch branch) {
        if (!expectOk(TxRequest.Op.ROLLBACK, branch, tx(TxRequest.Op.ROLLBACK, branch.xid))) {
            return false;
        }
        rollbacks++;
        return true;
    }

    private void confirm(Branch branch) {
        commits++;
        for (String payload : branch.payloads) {
            model.confirmed(branch.channel, payload);
        }
    }

    private TxRequest.Builder withSends(Branch branch) {
        TxRequest.Builder request = tx(TxRequest.Op.PREPARE, branch.xid);
        for (String payload : branch.payloads) {
            request.addSends(PubMsg.newBuilder().setClientID(CLIENT).setConnID(connId).setGuid(nuid.next())
                    .setSubject(branch.channel).setData(ByteString.copyFrom(payload, StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static TxRequest.Builder tx(TxRequest.Op op, Xid xid) {
        TxRequest.Builder request = TxRequest.newBuilder().setClientID(CLIENT).setOp(op);
        return xid == null ? request : request.setXid(xid);
    }

    private boolean expectOk(TxRequest.Op op, Branch branch, TxRequest.Builder request) {
        TxResponse response = send(request.setOp(op));
        if (response == null) {
            return false;
        }
        if (response.getXaCode() != XA_OK) {
            model.violations.add(op + " of branch " + branch + " answered " + response.getXaCode() + ": "
                    + response.getError());
            return false;
        }
        return true;
    }

    /** The answer, or {@code null} after recording why there is none. */
    private TxResponse send(TxRequest.Builder request) {
        try {
            return TxResponse.parseFrom(request(Extensions.txSubject(subjects), request.build().toByteArray()));
        } catch (InvalidProtocolBufferException | IllegalStateException e) {
            model.violations.add(request.getOp() + " " + request.getXid().getGlobalId().toStringUtf8() + ": " + e
                    .getMessage());
            return null;
        }
    }

    private byte[] request(String subject, byte[] payload) {
        try {
            Message reply = nc.request(subject, payload, TIMEOUT);
            if (reply == null || reply.isStatusMessage()) {
                throw new IllegalStateException("no answer on " + subject + " within " + TIMEOUT);
            }
            return reply.getData();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        nc.close();
    }
}
