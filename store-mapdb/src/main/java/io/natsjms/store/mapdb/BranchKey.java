package io.natsjms.store.mapdb;

import io.natsjms.store.spb.BranchId;
import java.util.HexFormat;

/**
 * The key of a prepared branch in the journal and in {@code state.db}: its Xid as
 * {@code formatId:globalId:branchId}, the two byte strings in lower-case hex. Readable in a log line,
 * and two different Xids never share a key.
 */
final class BranchKey {

    private static final HexFormat HEX = HexFormat.of();

    private BranchKey() {
    }

    static String of(BranchId id) {
        return id.getFormatId() + ":" + HEX.formatHex(id.getGlobalId().toByteArray()) + ":"
                + HEX.formatHex(id.getBranchId().toByteArray());
    }
}
