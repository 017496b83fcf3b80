package io.natsjms.jms;

import com.google.protobuf.ByteString;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;

/**
 * A transaction branch as this JVM knows it: the resource manager (a natsjms cluster, see
 * {@link NatsXAResource#isSameRM}) and the branch's Xid, by value (a transaction manager's Xid classes
 * need not compare equal to each other).
 *
 * @param resourceManager the cluster ID and NATS servers of the resource manager
 * @param formatId        the Xid's format ID
 * @param globalId        the global transaction ID (at most 64 bytes)
 * @param branchId        the branch qualifier (at most 64 bytes)
 */
record XaBranchKey(String resourceManager, int formatId, ByteString globalId, ByteString branchId) {

    private static final int MAX_PART = 64;

    /**
     * The key of {@code xid} in {@code resourceManager}.
     *
     * @throws XAException XAER_INVAL for a null Xid or a part longer than 64 bytes
     */
    static XaBranchKey of(String resourceManager, Xid xid) throws XAException {
        if (xid == null) {
            throw XaFailures.of(XAException.XAER_INVAL, "xid: null (expected: a transaction branch ID)");
        }
        byte[] global = xid.getGlobalTransactionId();
        byte[] branch = xid.getBranchQualifier();
        if (global == null || global.length > MAX_PART || branch == null || branch.length > MAX_PART) {
            throw XaFailures.of(XAException.XAER_INVAL, "xid: global ID of " + (global == null ? "null" : global.length)
                    + " bytes, branch qualifier of " + (branch == null ? "null" : branch.length)
                    + " bytes (expected: at most " + MAX_PART + " bytes each)");
        }
        return new XaBranchKey(resourceManager, xid.getFormatId(), ByteString.copyFrom(global), ByteString.copyFrom(branch));
    }

    /** The branch ID as the transaction extension carries it. */
    io.natsjms.protocol.ext.Xid toProto() {
        return io.natsjms.protocol.ext.Xid.newBuilder().setFormatId(formatId).setGlobalId(globalId)
                .setBranchId(branchId).build();
    }

    @Override
    public String toString() {
        return "xid " + formatId + ":" + hex(globalId) + ":" + hex(branchId);
    }

    private static String hex(ByteString bytes) {
        StringBuilder text = new StringBuilder(bytes.size() * 2);
        for (int i = 0; i < bytes.size(); i++) {
            text.append(Character.forDigit((bytes.byteAt(i) >> 4) & 0xf, 16)).append(Character.forDigit(bytes.byteAt(i) & 0xf, 16));
        }
        return text.toString();
    }
}
