package io.natsjms.stan;

import java.util.Objects;

/**
 * A publish that belongs to a transaction branch ({@link StanTransactions}): it reaches its channel only
 * when the branch commits, like a STAN publish of that moment.
 *
 * @param channel the channel (a valid literal channel name)
 * @param guid    the publish's unique ID ({@link StanConnection#newGuid()}); the server's duplicate window
 *                applies to it as to a publish
 * @param data    the payload; not copied, so not to be changed afterwards
 */
public record TxSend(String channel, String guid, byte[] data) {

    /** Checks that every part is there. */
    public TxSend {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        if (guid == null || guid.isEmpty()) {
            throw new IllegalArgumentException("guid: \"" + guid + "\" (expected: a non-empty unique ID)");
        }
    }
}
