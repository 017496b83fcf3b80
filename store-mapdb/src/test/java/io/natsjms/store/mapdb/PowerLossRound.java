package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.PendingCommit;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One round of the power-loss test: a store under {@code fsync=always} with tiny segments and checkpoints, opened
 * through {@link PowerLossFiles}, takes a random workload that a {@link StoreModel} mirrors; then the power goes,
 * between two calls or at a random file operation inside a commit. The store is closed (whatever it throws), the
 * disk is left as the power loss left it, and the store is opened again with the real files: it must open, and
 * hold exactly the state of the last commit that returned, or of the commit that was under way. Then it must
 * take new appends and keep them across a clean close.
 */
final class PowerLossRound {

    private static final int MAX_CHANNELS = 5;
    private static final int MAX_SUBSCRIPTIONS = 4;

    private final long seed;
    private final Random random;
    private final MapDbStoreConfig config;
    private final PowerLossFiles files;
    private final StoreModel model = new StoreModel();
    private final Map<String, ChannelStore> live = new HashMap<>();
    private final List<String> history = new ArrayList<>();
    /** The state of the last commit that returned. */
    private StoreState committed;
    /** The state the commit under way at the power cut would have made durable, or {@code null}. */
    private StoreState inFlight;
    private MapDbStore store;
    private long clock = 1_700_000_000_000_000_000L;
    private int channelsMade;
    private int commits;
    private int step;

    PowerLossRound(Path dir, long seed, Set<PowerLossFiles.Disorder> disorders) {
        this.seed = seed;
        this.random = new Random(seed);
        long segmentBytes = 4096 + 1024L * random.nextInt(13);
        long checkpointBytes = 8192 + 1024L * random.nextInt(25);
        this.config = new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, segmentBytes,
                checkpointBytes, 3_600_000);
        this.files = new PowerLossFiles(dir, disorders);
        // small segments keep every commit small: vary what is carried in the frame, so both ways of committing run
        this.carryPerChannel = CARRY[random.nextInt(CARRY.length)];
    }

    /** Per-channel carry limits: never, some commits, every commit (segments are at most 16 KB). */
    private static final long[] CARRY = {-1, 1024, 4096, WriteAheadLog.CARRY_PER_CHANNEL};
    private final long carryPerChannel;

    private MapDbStore open() {
        MapDbStore opened = MapDbStore.open(config, files);
        opened.carryLimits(carryPerChannel, 4 * carryPerChannel);
        return opened;
    }

    /** Runs the round; returns a line saying what it did, or throws an {@link AssertionError} saying what broke. */
    String run() throws Exception {
        store = open();
        store.recover();
        store.initServerInfo(ServerInfo.newBuilder().setClusterID("power").build());
        store.commit();
        committed = model.snapshot();
        int steps = 20 + random.nextInt(400);
        for (step = 0; step < steps; step++) {
            step();
        }
        cutPowerSomewhere(new Random(random.nextLong()));
        closeWithoutPower();
        files.writeDisk();
        StoreState found = reopenAndCheck();
        return afterTheReopen(found);
    }

    /**
     * Cuts the power between two calls, at a random file operation inside a commit, or after a started commit was
     * written and before its force.
     */
    private void cutPowerSomewhere(Random cut) {
        switch (random.nextInt(4)) {
            case 0 -> history.add("power cut between two calls");
            case 1 -> {
                PendingCommit pending = start(model.snapshot());
                history.add("power cut before the force of the started commit " + commits);
                files.cutPower(cut);
                if (pending != PendingCommit.DURABLE) {
                    try {
                        pending.force();
                        throw failure("the force of a started commit returned after the power cut", null);
                    } catch (StoreException e) {
                        history.add("  force failed: " + e);
                    }
                }
            }
            default -> {
                int at = 1 + random.nextInt(16);
                history.add("power cut at file operation " + at + " from here, in a commit");
                files.cutPowerAt(at, cut);
                try {
                    commit();
                } catch (RuntimeException e) {
                    if (!files.down()) {
                        throw e;
                    }
                    history.add("  commit failed: " + e);
                }
            }
        }
        files.cutPower(cut); // does nothing if the power is already off
    }

    private void step() {
        int op = random.nextInt(100);
        if (model.channelNames().isEmpty() || op < 5 && model.channelNames().size() < MAX_CHANNELS) {
            createChannel();
        } else if (op < 7) {
            deleteChannel();
        } else if (op < 50) {
            append();
        } else if (op < 56) {
            subscription();
        } else if (op < 68) {
            onAnySubscription(this::addPending);
        } else if (op < 78) {
            onAnySubscription(this::ack);
        } else if (op < 81) {
            onAnySubscription(this::redeliveryCount);
        } else if (op < 84) {
            client();
        } else if (op < 99) {
            commit();
        } else {
            cleanReopen();
        }
    }

    private String anyChannel() {
        List<String> names = model.channelNames();
        return names.get(random.nextInt(names.size()));
    }

    private void createChannel() {
        String name = "ch" + ++channelsMade;
        live.put(name, store.createChannel(name));
        model.createChannel(name);
        history.add("create " + name);
    }

    private void deleteChannel() {
        String name = anyChannel();
        store.deleteChannel(name);
        live.remove(name);
        model.deleteChannel(name);
        history.add("delete " + name);
    }

    private void append() {
        String name = anyChannel();
        MsgProto stored = append(name, live.get(name));
        model.appended(name, stored);
        history.add("append " + name + " #" + stored.getSequence() + " (" + stored.getData().size() + " B)");
    }

    /** Appends a random message to {@code channel}; returns it as stored (checked against what was sent). */
    private MsgProto append(String name, ChannelStore channel) {
        int size = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1, 2, 3, 4 -> 1 + random.nextInt(200);
            default -> 200 + random.nextInt(2873);
        };
        byte[] data = new byte[size];
        random.nextBytes(data);
        clock += random.nextInt(1000);
        MsgProto msg = MsgProto.newBuilder().setSequence(channel.messages().lastSequence() + 1).setSubject(name)
                .setData(ByteString.copyFrom(data)).setTimestamp(clock).build();
        MsgProto stored = channel.messages().append(msg);
        if (!stored.equals(msg)) {
            throw new AssertionError("append to " + name + " stored " + stored.getSequence() + "/"
                    + stored.getTimestamp() + ", sent " + msg.getSequence() + "/" + msg.getTimestamp());
        }
        return stored;
    }

    private void subscription() {
        String name = anyChannel();
        List<Long> ids = model.subscriptionIds(name);
        int what = random.nextInt(4);
        if (ids.isEmpty() || what < 2 && ids.size() < MAX_SUBSCRIPTIONS) {
            SubState stored = live.get(name).subscriptions().create(SubState.newBuilder()
                    .setClientID("client" + random.nextInt(3)).setInbox("inbox." + random.nextInt(1000))
                    .setAckInbox("ack." + random.nextInt(1000)).setMaxInFlight(1 + random.nextInt(100))
                    .setAckWaitInSecs(30).setDurableName(random.nextBoolean() ? "" : "d" + random.nextInt(9))
                    .build());
            model.createdSubscription(name, stored);
            history.add("subscribe " + name + " id " + stored.getID());
        } else if (what == 2) {
            long id = ids.get(random.nextInt(ids.size()));
            SubState state = model.subscription(name, id);
            state = state.toBuilder().setIsClosed(!state.getIsClosed()).build();
            live.get(name).subscriptions().update(state);
            model.updateSubscription(name, state);
            history.add("update " + name + " id " + id);
        } else {
            long id = ids.get(random.nextInt(ids.size()));
            live.get(name).subscriptions().delete(id);
            model.deleteSubscription(name, id);
            history.add("unsubscribe " + name + " id " + id);
        }
    }

    /** Runs {@code step} on a random subscription (channel name, id) of a channel that has messages, if there is one. */
    private void onAnySubscription(java.util.function.BiConsumer<String, Long> step) {
        String name = anyChannel();
        List<Long> ids = model.subscriptionIds(name);
        if (!ids.isEmpty() && model.lastSequence(name) != 0) {
            step.accept(name, ids.get(random.nextInt(ids.size())));
        }
    }

    private void addPending(String name, long id) {
        for (int i = random.nextInt(5); i >= 0; i--) {
            long sequence = 1 + random.nextInt((int) model.lastSequence(name));
            live.get(name).subscriptions().addPending(id, sequence);
            model.addPending(name, id, sequence);
            history.add("pending " + name + " id " + id + " #" + sequence);
        }
    }

    private void ack(String name, long id) {
        List<Long> pending = model.pending(name, id);
        for (int i = random.nextInt(4); i >= 0; i--) {
            long sequence = pending.isEmpty() || random.nextInt(8) == 0
                    ? 1 + random.nextInt((int) model.lastSequence(name))
                    : pending.get(random.nextInt(pending.size()));
            live.get(name).subscriptions().ackPending(id, sequence);
            model.ackPending(name, id, sequence);
            history.add("ack " + name + " id " + id + " #" + sequence);
        }
    }

    private void redeliveryCount(String name, long id) {
        List<Long> pending = model.pending(name, id);
        if (pending.isEmpty()) {
            return;
        }
        long sequence = pending.get(random.nextInt(pending.size()));
        int count = random.nextInt(5);
        live.get(name).subscriptions().setRedeliveryCount(id, sequence, count);
        model.setRedeliveryCount(name, id, sequence, count);
        history.add("count " + name + " id " + id + " #" + sequence + " = " + count);
    }

    private void client() {
        List<String> ids = model.clientIds();
        if (!ids.isEmpty() && random.nextInt(3) == 0) {
            String id = ids.get(random.nextInt(ids.size()));
            store.deleteClient(id);
            model.deleteClient(id);
            history.add("delete client " + id);
        } else {
            ClientInfo client = ClientInfo.newBuilder().setID("client" + random.nextInt(6))
                    .setHbInbox("hb." + random.nextInt(1000)).build();
            store.addClient(client);
            model.addClient(client);
            history.add("add client " + client.getID());
        }
    }

    /** A commit, by {@code commit()} or by {@code startCommit()} and a force (maybe after more appends). */
    private void commit() {
        if (random.nextBoolean()) {
            StoreState attempt = model.snapshot();
            inFlight = attempt;
            history.add("commit " + ++commits);
            store.commit();
            committed = attempt;
            inFlight = null;
            return;
        }
        StoreState attempt = model.snapshot();
        PendingCommit pending = start(attempt);
        try {
            for (int i = random.nextInt(4) - 1; i >= 0; i--) {
                append();
            }
        } finally {
            history.add("force commit " + commits);
            pending.force();
        }
        committed = attempt;
        inFlight = null;
    }

    /**
     * Starts a commit of {@code attempt} (the model now): {@link #inFlight} until its force returned, or
     * {@link #committed} at once if the store forced it already (a checkpoint was due).
     */
    private PendingCommit start(StoreState attempt) {
        inFlight = attempt;
        history.add("start commit " + ++commits);
        PendingCommit pending = store.startCommit();
        if (pending == PendingCommit.DURABLE) {
            committed = attempt;
            inFlight = null;
        }
        return pending;
    }

    /** A clean close and open with the same files (close commits what is pending), checked against the model. */
    private void cleanReopen() {
        history.add("close and reopen");
        store.close();
        committed = model.snapshot();
        store = open();
        StoreState found = StoreState.recovered(store.recover().orElseThrow());
        String difference = found.differenceFrom(committed);
        if (!difference.isEmpty()) {
            throw failure("after a clean close and reopen: " + difference, null);
        }
        live.clear();
        for (String name : model.channelNames()) {
            live.put(name, store.lookupChannel(name).orElseThrow());
        }
    }

    /** Closes the store after the power cut; what it throws is expected (every file operation fails). */
    private void closeWithoutPower() {
        try {
            store.close();
        } catch (RuntimeException e) {
            history.add("close threw " + e);
        }
    }

    private StoreState reopenAndCheck() {
        StoreState found;
        try (MapDbStore reopened = MapDbStore.open(config)) {
            found = reopened.recover().map(StoreState::recovered).orElse(new StoreState(new TreeMap<>(), new TreeMap<>()));
        } catch (StoreException e) {
            throw failure("the store refused to open after the power loss: " + e.getMessage(), e);
        }
        String toCommitted = found.differenceFrom(committed);
        if (toCommitted.isEmpty() || inFlight != null && found.differenceFrom(inFlight).isEmpty()) {
            return found;
        }
        throw failure("after the power loss the store holds neither the last commit that returned ("
                + toCommitted + ")" + (inFlight == null ? "" : " nor the one under way ("
                + found.differenceFrom(inFlight) + ")"), null);
    }

    /** After the reopen: appends to every channel and a new one, committed, survive a clean close. */
    private String afterTheReopen(StoreState found) {
        SortedMap<String, StoreState.ChannelState> expected = new TreeMap<>(found.channels());
        try (MapDbStore reopened = MapDbStore.open(config)) {
            reopened.recover();
            List<String> names = new ArrayList<>(found.channels().keySet());
            names.add("after");
            for (String name : names) {
                ChannelStore channel = name.equals("after") ? reopened.createChannel(name)
                        : reopened.lookupChannel(name).orElseThrow();
                StoreState.ChannelState before = expected.getOrDefault(name,
                        new StoreState.ChannelState(List.of(), new TreeMap<>()));
                List<MsgProto> messages = new ArrayList<>(before.messages());
                for (int i = random.nextInt(3); i >= 0; i--) {
                    messages.add(append(name, channel));
                }
                expected.put(name, new StoreState.ChannelState(messages, before.subscriptions()));
            }
            reopened.commit();
        }
        StoreState wanted = new StoreState(found.clients(), expected);
        try (MapDbStore again = MapDbStore.open(config)) {
            String difference = StoreState.recovered(again.recover().orElseThrow()).differenceFrom(wanted);
            if (!difference.isEmpty()) {
                throw failure("appends committed after the recovery, then a clean close: " + difference, null);
            }
        }
        String state = found.equals(committed) ? "the last commit that returned"
                : "the commit under way at the cut";
        long lost = files.report().stream().filter(line -> line.contains(": lost (")).count();
        long back = files.report().stream().filter(line -> line.contains(", back (")).count();
        return String.format("seed %d: %d steps, %d commits, %s%s, %d new files lost, %d deleted files back;"
                + " found %s: %s", seed, step, commits, files.report().get(0), inFlight == null ? "" : " during a commit",
                lost, back, state, found.summary());
    }

    private AssertionError failure(String what, Throwable cause) {
        List<String> recent = history.subList(Math.max(0, history.size() - 40), history.size());
        return new AssertionError(what + "\n  config: carried per channel " + carryPerChannel + ", segment.bytes "
                + config.segmentBytes() + ", checkpoint.bytes "
                + config.checkpointBytes() + "\n  last commit that returned: " + committed.summary()
                + (inFlight == null ? "" : "\n  commit under way: " + inFlight.summary())
                + "\n  power loss:\n    " + String.join("\n    ", files.report())
                + "\n  last steps:\n    " + String.join("\n    ", recent), cause);
    }
}
