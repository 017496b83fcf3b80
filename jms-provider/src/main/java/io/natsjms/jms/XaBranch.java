package io.natsjms.jms;

import io.natsjms.protocol.ext.TxAck;
import io.natsjms.stan.TxSend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * One transaction branch of this JVM: the sends and consumed messages its sessions made while they were
 * enlisted, which resources are associated with it (active or suspended), and how far it got (sent to the
 * server, prepared). Every resource that joined the branch shares this one object ({@link XaBranches}), so
 * the resource the transaction manager prepares sends what all of them did. Thread-safe.
 */
final class XaBranch {

    private final XaBranchKey key;
    private final List<Outgoing> sends = new ArrayList<>();
    private final List<Delivered> consumed = new ArrayList<>();
    private final Set<NatsXAResource> active = new HashSet<>();
    private final Set<NatsXAResource> suspended = new HashSet<>();
    private boolean rollbackOnly;
    /** A request with its content went out: the server may know it (staged or prepared). */
    private boolean sent;
    private boolean prepared;

    XaBranch(XaBranchKey key) {
        this.key = key;
    }

    XaBranchKey key() {
        return key;
    }

    // ---- association (start / end)

    /** {@code resource} starts work on the branch (a new branch, or TMJOIN). */
    synchronized void associate(NatsXAResource resource) throws XAException {
        if (sent || prepared) {
            throw XaFailures.of(XAException.XAER_PROTO, "start(" + key + ", TMJOIN): the branch is already being"
                    + " prepared or committed (expected: joining an active branch)");
        }
        active.add(resource);
    }

    /** {@code resource} resumes the branch it suspended (TMRESUME). */
    synchronized void resume(NatsXAResource resource) throws XAException {
        if (!suspended.remove(resource)) {
            throw XaFailures.of(XAException.XAER_PROTO, "start(" + key + ", TMRESUME): this resource did not"
                    + " suspend the branch (expected: end(TMSUSPEND) before)");
        }
        active.add(resource);
    }

    /**
     * {@code resource} ends its association: the session's held sends and consumed messages become the
     * branch's; TMSUSPEND keeps the association to be resumed, TMFAIL marks the branch rollback-only.
     */
    synchronized void end(NatsXAResource resource, int flags, List<Outgoing> heldSends, List<Delivered> heldConsumed)
            throws XAException {
        if (!active.remove(resource) && !(flags != XAResource.TMSUSPEND && suspended.remove(resource))) {
            throw XaFailures.of(XAException.XAER_PROTO, "end(" + key + "): this resource is not associated with the"
                    + " branch (expected: start before end)");
        }
        sends.addAll(heldSends);
        consumed.addAll(heldConsumed);
        if (flags == XAResource.TMSUSPEND) {
            suspended.add(resource);
        } else if (flags == XAResource.TMFAIL) {
            rollbackOnly = true;
        }
    }

    /** Adds the work of a session that is closing while still associated (its end comes later). */
    synchronized void addWork(List<Outgoing> heldSends, List<Delivered> heldConsumed) {
        sends.addAll(heldSends);
        consumed.addAll(heldConsumed);
    }

    /** Whether {@code resource} suspended the branch. */
    synchronized boolean isSuspendedBy(NatsXAResource resource) {
        return suspended.contains(resource);
    }

    // ---- completion

    /**
     * Refuses {@code operation} while a resource is still associated (XAER_PROTO), or for a prepared branch
     * when {@code prepared} is false, or an unprepared one when it is true.
     */
    synchronized void requireEnded(String operation, boolean mustBePrepared) throws XAException {
        if (!active.isEmpty() || !suspended.isEmpty()) {
            throw XaFailures.of(XAException.XAER_PROTO, operation + "(" + key + "): " + (active.size() + suspended.size())
                    + " session(s) still associated (expected: end(TMSUCCESS or TMFAIL) first)");
        }
        if (prepared != mustBePrepared) {
            throw XaFailures.of(XAException.XAER_PROTO, operation + "(" + key + "): the branch is "
                    + (prepared ? "already prepared" : "not prepared") + " (expected: "
                    + (mustBePrepared ? "prepare before a two-phase commit)" : "an ended, unprepared branch)"));
        }
    }

    synchronized boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** Whether it holds nothing and the server never saw it: a read-only branch. */
    synchronized boolean isEmpty() {
        return sends.isEmpty() && consumed.isEmpty() && !sent;
    }

    synchronized boolean wasSent() {
        return sent;
    }

    synchronized boolean isPrepared() {
        return prepared;
    }

    /** Its sends as the transaction extension carries them; marks the branch sent. */
    synchronized List<TxSend> takeSendsForServer() {
        sent = true;
        List<TxSend> out = new ArrayList<>(sends.size());
        for (Outgoing outgoing : sends) {
            out.add(new TxSend(outgoing.destination().name(), outgoing.guid(), outgoing.payload()));
        }
        return out;
    }

    /** Its acknowledgements as the transaction extension carries them (messages of temporary destinations need none). */
    synchronized List<TxAck> acksForServer() {
        List<TxAck> out = new ArrayList<>(consumed.size());
        for (Delivered delivered : consumed) {
            if (delivered.subscription() != null) {
                out.add(delivered.subscription().txAck(delivered.sequence()));
            }
        }
        return out;
    }

    synchronized void markPrepared() {
        prepared = true;
    }

    /** Committed: its consumed messages are acknowledged (a late redelivery of one is acknowledged again). */
    void committed() {
        consumedList().forEach(Delivered::settle);
    }

    /** Rolled back on the server, which redelivers: the redeliveries are handed out as new deliveries. */
    void rolledBackOnServer() {
        consumedList().forEach(Delivered::letGo);
    }

    /** Rolled back before the server held anything of it: its consumed messages are handed out again here. */
    void rolledBackLocally() {
        SessionAcks.redeliver(consumedList());
    }

    private synchronized List<Delivered> consumedList() {
        List<Delivered> all = new ArrayList<>(consumed);
        consumed.clear();
        sends.clear();
        return all;
    }

    @Override
    public synchronized String toString() {
        return "XaBranch[" + key + ", " + sends.size() + " sends, " + consumed.size() + " consumed"
                + (prepared ? ", prepared" : sent ? ", sent" : "") + (rollbackOnly ? ", rollback-only" : "") + "]";
    }
}
