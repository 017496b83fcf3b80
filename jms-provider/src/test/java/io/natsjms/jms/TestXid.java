package io.natsjms.jms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.Xid;

/** A transaction branch ID for tests, as a transaction manager would make one: new global ID each time. */
final class TestXid implements Xid {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchId;

    TestXid(int formatId, byte[] globalId, byte[] branchId) {
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchId = branchId.clone();
    }

    /** A fresh branch of a fresh global transaction. */
    static TestXid next() {
        String global = "test-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        return new TestXid(4242, global.getBytes(StandardCharsets.US_ASCII), new byte[] {1});
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

    /** Whether {@code other} names the same branch, whatever its class. */
    boolean sameAs(Xid other) {
        return other.getFormatId() == formatId && Arrays.equals(other.getGlobalTransactionId(), globalId)
                && Arrays.equals(other.getBranchQualifier(), branchId);
    }

    @Override
    public String toString() {
        return new String(globalId, StandardCharsets.US_ASCII);
    }
}
