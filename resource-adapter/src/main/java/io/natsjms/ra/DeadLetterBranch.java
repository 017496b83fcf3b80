package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Moves one message out of redeliveries to the dead-letter channel in a transaction of the adapter's own on
 * a transacted session's XA resource, without the container: receive (the acknowledgement held by the
 * branch), send the dead-letter copy (held too), commit both in one phase. A container transaction cannot
 * do it, because no endpoint method runs in it, and Open Liberty rolls back a delivery transaction in which
 * none ran. When the message received is not the one expected (another message came first), the branch is
 * rolled back, which hands that message out again at once.
 */
final class DeadLetterBranch {

    /** The format ID of the adapter's own branches ("NJRA"). */
    static final int FORMAT_ID = 0x4e4a5241;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message to move: its ID, how often its delivery failed, and why the last one failed. */
    record Pending(String messageId, int failedDeliveries, String reason) {
    }

    /** What one attempt did: moved the message, or got another one (or none) and rolled back. */
    enum Result { MOVED, NOT_RECEIVED }

    private final XAResource resource;
    private final MessageConsumer consumer;
    private final long receiveMillis;

    DeadLetterBranch(XAResource resource, MessageConsumer consumer, long receiveMillis) {
        this.resource = resource;
        this.consumer = consumer;
        this.receiveMillis = receiveMillis;
    }

    /** One branch: receives, and when it is {@code pending}'s message, moves it with {@code move}. */
    Result move(Pending pending, Move move) throws JMSException {
        Xid xid = newXid();
        start(xid);
        boolean moved = false;
        try {
            Message message = consumer.receive(receiveMillis);
            if (message != null && pending.messageId() != null && pending.messageId().equals(message.getJMSMessageID())) {
                move.run(message, pending);
                moved = true;
            }
        } finally {
            complete(xid, moved);
        }
        return moved ? Result.MOVED : Result.NOT_RECEIVED;
    }

    /** Sends the dead-letter copy of {@code message} with the session the branch runs on. */
    @FunctionalInterface
    interface Move {
        void run(Message message, Pending pending) throws JMSException;
    }

    private void start(Xid xid) throws JMSException {
        try {
            resource.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw failure("start", e);
        }
    }

    private void complete(Xid xid, boolean commit) throws JMSException {
        try {
            resource.end(xid, commit ? XAResource.TMSUCCESS : XAResource.TMFAIL);
            if (commit) {
                resource.commit(xid, true);
            } else {
                resource.rollback(xid);
            }
        } catch (XAException e) {
            throw failure(commit ? "commit" : "rollback", e);
        }
    }

    private static JMSException failure(String step, XAException cause) {
        JMSException failure = new JMSException("dead-letter branch: " + step + " failed: " + cause.getMessage()
                + " (XA code " + cause.errorCode + ")");
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }

    private static Xid newXid() {
        byte[] global = new byte[16];
        RANDOM.nextBytes(global);
        return new AdapterXid(global, ByteBuffer.allocate(1).put((byte) 1).array());
    }

    /** A branch identifier of the adapter's own transactions. */
    private record AdapterXid(byte[] global, byte[] branch) implements Xid {

        @Override
        public int getFormatId() {
            return FORMAT_ID;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return global.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return branch.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AdapterXid xid && Arrays.equals(global, xid.global) && Arrays.equals(branch, xid.branch);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(global) + Arrays.hashCode(branch);
        }

        @Override
        public String toString() {
            return "AdapterXid[" + java.util.HexFormat.of().formatHex(global) + "]";
        }
    }
}
