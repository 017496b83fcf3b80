package io.natsjms.jms;

import java.util.Arrays;
import javax.transaction.xa.Xid;

/**
 * A branch ID the server reported in a recovery scan ({@link NatsXAResource#recover}); equal to another
 * {@code NatsXid} with the same three parts.
 */
final class NatsXid implements Xid {

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchId;

    NatsXid(io.natsjms.protocol.ext.Xid proto) {
        this.formatId = proto.getFormatId();
        this.globalId = proto.getGlobalId().toByteArray();
        this.branchId = proto.getBranchId().toByteArray();
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NatsXid xid && xid.formatId == formatId && Arrays.equals(xid.globalId, globalId)
                && Arrays.equals(xid.branchId, branchId);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchId);
    }

    @Override
    public String toString() {
        return "NatsXid[formatId=" + formatId + ", globalId=" + globalId.length + " bytes, branchId="
                + branchId.length + " bytes]";
    }
}
