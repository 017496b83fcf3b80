package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.ext.Xid;
import io.natsjms.store.spb.BranchId;
import java.util.HexFormat;

/** Branch identifiers: the wire's {@link Xid} and the store's {@link BranchId} are the same three fields. */
final class BranchIds {

    /** XA's MAXGTRIDSIZE and MAXBQUALSIZE. */
    static final int MAX_PART_BYTES = 64;

    private BranchIds() {
    }

    /**
     * The store's form of a request's xid.
     *
     * @throws TxRefused XAER_INVAL when a part is longer than {@value #MAX_PART_BYTES} bytes
     */
    static BranchId of(Xid xid) throws TxRefused {
        check("globalId", xid.getGlobalId());
        check("branchId", xid.getBranchId());
        return BranchId.newBuilder().setFormatId(xid.getFormatId()).setGlobalId(xid.getGlobalId())
                .setBranchId(xid.getBranchId()).build();
    }

    static Xid toXid(BranchId id) {
        return Xid.newBuilder().setFormatId(id.getFormatId()).setGlobalId(id.getGlobalId())
                .setBranchId(id.getBranchId()).build();
    }

    /** For the log: format ID, global and branch qualifier in hex. */
    static String describe(BranchId id) {
        return "[xid " + text(id) + "]";
    }

    /** {@code formatId:globalId:branchId}, the two byte strings in hex. */
    static String text(BranchId id) {
        HexFormat hex = HexFormat.of();
        return id.getFormatId() + ":" + hex.formatHex(id.getGlobalId().toByteArray()) + ":"
                + hex.formatHex(id.getBranchId().toByteArray());
    }

    private static void check(String part, ByteString bytes) throws TxRefused {
        if (bytes.size() > MAX_PART_BYTES) {
            throw new TxRefused(XaCode.XAER_INVAL, "xid." + part + ": " + bytes.size() + " bytes (expected: at most "
                    + MAX_PART_BYTES + ")");
        }
    }
}
