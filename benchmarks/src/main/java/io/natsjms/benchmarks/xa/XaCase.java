package io.natsjms.benchmarks.xa;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/** One way of committing one send, as {@link XaCommitHarness} compares them. */
enum XaCase {

    /** A transacted (local) session: send, then {@code Session.commit()} (the send is published and its PubAck awaited). */
    LOCAL("local"),
    /** An XA session driven as a transaction manager does with two resources: start, send, end, prepare, commit. */
    XA_TWO_PHASE("xa-2pc"),
    /** An XA session as the only resource of a transaction: start, send, end, one-phase commit. */
    XA_ONE_PHASE("xa-1pc");

    private static final AtomicLong XIDS = new AtomicLong();

    private final String label;

    XaCase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Sends {@code message} with {@code producer} of {@code session} and commits it the way this case does. */
    void commitOne(Session session, XAResource resource, MessageProducer producer, TextMessage message)
            throws JMSException, XAException {
        if (this == LOCAL) {
            producer.send(message);
            session.commit();
            return;
        }
        Xid xid = new BenchXid(XIDS.incrementAndGet());
        resource.start(xid, XAResource.TMNOFLAGS);
        producer.send(message);
        resource.end(xid, XAResource.TMSUCCESS);
        if (this == XA_ONE_PHASE) {
            resource.commit(xid, true);
            return;
        }
        if (resource.prepare(xid) != XAResource.XA_OK) {
            throw new IllegalStateException("prepare of a branch with a send: not XA_OK");
        }
        resource.commit(xid, false);
    }

    /** A branch ID as a transaction manager makes them: one global transaction per number. */
    private record BenchXid(long number) implements Xid {
        @Override
        public int getFormatId() {
            return 0x4e4a;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ("bench-" + ProcessHandle.current().pid() + "-" + number).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
