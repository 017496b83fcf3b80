package io.natsjms.examples.replay;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state rebuilt from the inventory's event log: the stock of every article, folded from the stock
 * changes in channel order. It starts empty at every deployment and catches up as the message-driven bean
 * replays the channel from its first message. Each event is applied once, by its event ID: a subscription
 * that is set up again (after the adapter reconnects) replays the history from the start.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StockLevels {

    private final Map<String, Long> levels = new TreeMap<>(); // guarded by this
    private final Set<String> appliedEvents = new HashSet<>(); // guarded by this
    private int duplicates; // guarded by this

    /** Folds {@code change} into the levels; returns false, changing nothing, when it was applied before. */
    public synchronized boolean apply(StockChange change) {
        if (!appliedEvents.add(change.eventId())) {
            duplicates++;
            return false;
        }
        levels.merge(change.sku(), change.delta(), Long::sum);
        return true;
    }

    /** The stock of one article, empty if no change of it was applied. */
    public synchronized Optional<StockLevel> of(String sku) {
        Long level = levels.get(sku);
        return level == null ? Optional.empty() : Optional.of(new StockLevel(sku, level));
    }

    /** A snapshot of the whole state. */
    public synchronized StockView view() {
        return new StockView(appliedEvents.size(), duplicates, Collections.unmodifiableMap(new TreeMap<>(levels)));
    }
}
