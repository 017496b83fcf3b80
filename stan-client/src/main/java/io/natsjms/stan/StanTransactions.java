package io.natsjms.stan;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.protocol.pb.PubMsg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two-phase commit with the natsjms transaction extension: requests on
 * {@link Extensions#txSubject(String)} that stage, prepare, commit, roll back and list transaction branches
 * on the streaming server (the server side of an XA resource). A branch, named by its {@link Xid}, collects
 * sends ({@link TxSend}) and acknowledgements ({@link TxAck}); PREPARE stores it durably, COMMIT applies it
 * in one store commit. Branches belong to the cluster, so any connection may finish the branch another one
 * prepared (recovery after a restart).
 *
 * <p>Each method returns the server's decoded {@link TxResponse}: {@code xaCode} is 0 (XA_OK), 3 (XA_RDONLY)
 * or the XAException error code the server chose, {@code error} says why. The failures of the transport are
 * thrown instead, so that a caller can tell "the server said no" from "no answer":
 * <ul>
 *   <li>{@link StanException.Kind#NOT_SUPPORTED}: nobody listens on the transaction subject (NATS "no
 *       responders"): the original nats-streaming-server, which has no transactions, or no server at all;</li>
 *   <li>{@link StanException.Kind#TIMEOUT}: no answer within the timeout (the outcome is unknown);</li>
 *   <li>{@link StanException.Kind#IO} (an undecodable answer, NATS reconnecting), CLOSED, INTERRUPTED.</li>
 * </ul>
 * A branch too large for one NATS message is sent as STAGE requests followed by the PREPARE or
 * COMMIT_ONE_PHASE with the rest. Thread-safe.
 */
public final class StanTransactions {

    private final StanConnection connection;
    private final String subject;
    private final Duration timeout;

    /** Transactions over {@code connection}, each request waited for as long as a PubAck ({@link StanSettings#pubAckWait()}). */
    public StanTransactions(StanConnection connection) {
        this(connection, connection.settings().pubAckWait());
    }

    /**
     * Transactions over {@code connection}, each request waited for at most {@code timeout}.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public StanTransactions(StanConnection connection, Duration timeout) {
        this(connection, Extensions.txSubject(connection.settings().discoverSubject()), timeout);
    }

    /**
     * Transactions asked on {@code subject} rather than the cluster's transaction subject, each request
     * waited for at most {@code timeout}.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public StanTransactions(StanConnection connection, String subject, Duration timeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.subject = Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        this.timeout = timeout;
    }

    /** The subject the requests go to ({@code <discover subject>.natsjms.tx}). */
    public String subject() {
        return subject;
    }

    /**
     * Adds sends and acks to the branch {@code xid} without storing anything (the server drops a staged
     * branch when this client goes away).
     *
     * @throws IllegalArgumentException if the content does not fit into one NATS message
     */
    public TxResponse stage(Xid xid, List<TxSend> sends, List<TxAck> acks) throws StanException {
        List<TxRequest> requests = chunks(TxRequest.Op.STAGE, xid, sends, acks);
        if (requests.size() > 1) {
            throw new IllegalArgumentException("stage of " + sends.size() + " sends and " + acks.size()
                    + " acks: larger than one NATS message (expected: prepare or commitOnePhase, which split it)");
        }
        return send(requests.get(0));
    }

    /**
     * Adds sends and acks to the branch {@code xid} and prepares it: XA_OK once the server stored it,
     * XA_RDONLY for a branch with nothing in it, XA_RBROLLBACK when a check failed (the branch is gone).
     *
     * @throws IllegalArgumentException naming a send too large for a NATS message on its own
     */
    public TxResponse prepare(Xid xid, List<TxSend> sends, List<TxAck> acks) throws StanException {
        return sendAll(chunks(TxRequest.Op.PREPARE, xid, sends, acks));
    }

    /** Commits the prepared branch {@code xid}. */
    public TxResponse commit(Xid xid) throws StanException {
        return send(request(TxRequest.Op.COMMIT, xid).build());
    }

    /**
     * Adds sends and acks to the branch {@code xid} and commits it at once, without storing a prepared
     * branch.
     *
     * @throws IllegalArgumentException naming a send too large for a NATS message on its own
     */
    public TxResponse commitOnePhase(Xid xid, List<TxSend> sends, List<TxAck> acks) throws StanException {
        return sendAll(chunks(TxRequest.Op.COMMIT_ONE_PHASE, xid, sends, acks));
    }

    /** Discards the branch {@code xid}, staged or prepared; the messages its acks named are redelivered. */
    public TxResponse rollback(Xid xid) throws StanException {
        return send(request(TxRequest.Op.ROLLBACK, xid).build());
    }

    /** The prepared branches, oldest first, in {@link TxResponse#getPreparedList()}. */
    public TxResponse recover() throws StanException {
        return send(TxRequest.newBuilder().setClientID(connection.settings().clientId())
                .setOp(TxRequest.Op.RECOVER).build());
    }

    /** Forgets a heuristically completed branch (the server completes none, so it answers XAER_NOTA). */
    public TxResponse forget(Xid xid) throws StanException {
        return send(request(TxRequest.Op.FORGET, xid).build());
    }

    private TxRequest.Builder request(TxRequest.Op op, Xid xid) {
        return TxRequest.newBuilder().setClientID(connection.settings().clientId()).setOp(op)
                .setXid(Objects.requireNonNull(xid, "xid"));
    }

    private List<TxRequest> chunks(TxRequest.Op op, Xid xid, List<TxSend> sends, List<TxAck> acks) {
        List<PubMsg> messages = new ArrayList<>(sends.size());
        for (TxSend send : sends) {
            messages.add(PubMsg.newBuilder()
                    .setClientID(connection.settings().clientId())
                    .setGuid(send.guid())
                    .setSubject(send.channel())
                    .setData(UnsafeByteOperations.unsafeWrap(send.data()))
                    .setConnID(connection.connId())
                    .build());
        }
        TxRequest base = request(op, xid).build();
        return TxChunks.split(base, op, messages, List.copyOf(acks), connection.maxPayload());
    }

    /** Sends the requests in order, stopping at the first answer that is not XA_OK; the last answer. */
    private TxResponse sendAll(List<TxRequest> requests) throws StanException {
        TxResponse response = null;
        for (TxRequest request : requests) {
            response = send(request);
            if (request.getOp() == TxRequest.Op.STAGE && response.getXaCode() != 0) {
                return response;
            }
        }
        return response;
    }

    private TxResponse send(TxRequest request) throws StanException {
        CompletableFuture<byte[]> reply = connection.requestExtension(subject, request.toByteArray(), timeout);
        byte[] payload;
        try {
            payload = reply.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw timedOut(request);
            }
            throw new StanException(StanException.Kind.IO, request.getOp() + " request on \"" + subject
                    + "\" failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | CancellationException e) {
            reply.cancel(true);
            throw timedOut(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for the answer to "
                    + request.getOp() + " on \"" + subject + "\"", e);
        }
        if (payload == null) {
            throw new StanException(StanException.Kind.NOT_SUPPORTED, "no streaming server answered on \"" + subject
                    + "\": the server does not support XA transactions (the natsjms transaction extension; the"
                    + " original nats-streaming-server has none), or it is not running");
        }
        try {
            return TxResponse.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new StanException(StanException.Kind.IO, "undecodable TxResponse on \"" + subject + "\": "
                    + e.getMessage(), e);
        }
    }

    private StanException timedOut(TxRequest request) {
        return new StanException(StanException.Kind.TIMEOUT, request.getOp() + " request on \"" + subject
                + "\": no answer within " + timeout + " (outcome unknown)");
    }
}
