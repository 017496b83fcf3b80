package io.natsjms.server.streaming;

/**
 * The XA return and error codes a TxResponse carries, with the values {@code jakarta.transaction.xa}
 * gives them (the server does not depend on that API).
 */
final class XaCode {

    /** Done. */
    static final int XA_OK = 0;
    /** PREPARE of a branch with nothing in it: nothing to commit, the branch is forgotten. */
    static final int XA_RDONLY = 3;
    /** The branch was rolled back instead (a check failed at PREPARE or one-phase COMMIT). */
    static final int XA_RBROLLBACK = 100;
    /** The request or its client is not usable (undecodable, unknown client). */
    static final int XAER_RMERR = -3;
    /** No such branch. */
    static final int XAER_NOTA = -4;
    /** A missing or malformed argument. */
    static final int XAER_INVAL = -5;
    /** The operation does not fit the branch's state. */
    static final int XAER_PROTO = -6;
    /** The store failed; the branch is as it was before the request. */
    static final int XAER_RMFAIL = -7;

    private XaCode() {
    }
}
