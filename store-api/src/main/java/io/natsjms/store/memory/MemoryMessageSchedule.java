package io.natsjms.store.memory;

import io.natsjms.store.MessageSchedule;
import io.natsjms.store.spb.ScheduledMsg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The scheduled messages of the memory store. Every method holds this object's monitor. */
final class MemoryMessageSchedule implements MessageSchedule {

    private final OpenGuard guard;
    /** Entries by channel, then guid; guarded by this. */
    private final Map<String, Map<String, ScheduledMsg>> byChannel = new HashMap<>();

    MemoryMessageSchedule(OpenGuard guard) {
        this.guard = guard;
    }

    @Override
    public synchronized void put(ScheduledMsg msg) {
        guard.check();
        MessageSchedule.validate(msg);
        byChannel.computeIfAbsent(msg.getChannel(), c -> new HashMap<>()).put(msg.getGuid(), msg);
    }

    @Override
    public synchronized Optional<ScheduledMsg> get(String channel, String guid) {
        Map<String, ScheduledMsg> entries = byChannel.get(Objects.requireNonNull(channel, "channel"));
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(guid));
    }

    @Override
    public synchronized boolean remove(String channel, String guid) {
        guard.check();
        Map<String, ScheduledMsg> entries = byChannel.get(Objects.requireNonNull(channel, "channel"));
        if (entries == null || entries.remove(guid) == null) {
            return false;
        }
        if (entries.isEmpty()) {
            byChannel.remove(channel);
        }
        return true;
    }

    @Override
    public synchronized List<ScheduledMsg> all() {
        List<ScheduledMsg> all = new ArrayList<>();
        byChannel.values().forEach(entries -> all.addAll(entries.values()));
        all.sort(DUE_ORDER);
        return all;
    }

    synchronized void clear() {
        byChannel.clear();
    }
}
