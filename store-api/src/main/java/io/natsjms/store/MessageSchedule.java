package io.natsjms.store;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.store.spb.ScheduledMsg;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The messages published with a delivery time that are not yet due, for every channel of a store. A
 * scheduled message is not in its channel: no subscription and no browse sees it. When it is due the
 * server appends it to its channel and {@linkplain #remove removes} it here before one
 * {@link Store#commit()}, so a crash leaves it in exactly one of the two places.
 *
 * <p>An entry is identified by its channel and publish ID ({@code guid}). Like every other change, a
 * put or remove is visible at once and durable at the next {@link Store#commit()}; a persistent store
 * brings back every committed entry after a restart, whether or not its channel still exists.
 */
public interface MessageSchedule {

    /**
     * Adds a message, replacing the entry with the same channel and guid if there is one.
     *
     * @throws IllegalArgumentException if the channel is not a valid literal channel name, the guid is
     *                                  empty, or the due time is not positive
     */
    void put(ScheduledMsg msg);

    /** The entry of {@code channel} with {@code guid}, or empty. */
    Optional<ScheduledMsg> get(String channel, String guid);

    /**
     * Removes an entry.
     *
     * @return whether it was there
     */
    boolean remove(String channel, String guid);

    /** Every entry, the earliest due first (equal due times by channel, then guid). */
    List<ScheduledMsg> all();

    /**
     * Checks an entry the way {@link #put} must.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    static void validate(ScheduledMsg msg) {
        ChannelNames.requireValid(msg.getChannel());
        if (msg.getGuid().isEmpty()) {
            throw new IllegalArgumentException("guid: \"\" (expected: a non-empty publish ID) for a message scheduled"
                    + " on \"" + msg.getChannel() + "\"");
        }
        if (msg.getDueTime() <= 0) {
            throw new IllegalArgumentException("dueTime: " + msg.getDueTime() + " (expected: > 0, Unix nanoseconds)"
                    + " for message " + msg.getGuid() + " on \"" + msg.getChannel() + "\"");
        }
    }

    /** The order of {@link #all()}. */
    Comparator<ScheduledMsg> DUE_ORDER = Comparator.comparingLong(ScheduledMsg::getDueTime)
            .thenComparing(ScheduledMsg::getChannel).thenComparing(ScheduledMsg::getGuid);
}
