package io.natsjms.server.streaming;

import io.natsjms.protocol.Subjects;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.Store;
import java.time.Instant;

/**
 * The parts of the engine that its components share, held together for {@link EngineWiring} (which
 * gives each component only the parts it uses) and for the snapshots. Everything here is used on the
 * engine loop only, except {@link #loop} itself.
 */
final class Engine {

    final ServerConfig config;
    final Subjects subjects;
    final EngineLoop loop;
    final Transport transport;
    final Store store;
    final ClientRegistry clients = new ClientRegistry();
    final ChannelRegistry channels;
    final Commits commits;
    final EngineStats stats = new EngineStats();
    final PreparedBranches prepared = new PreparedBranches();

    Engine(ServerConfig config, Subjects subjects, EngineLoop loop, Transport transport, Store store) {
        this.config = config;
        this.subjects = subjects;
        this.loop = loop;
        this.transport = transport;
        this.store = store;
        this.channels = new ChannelRegistry(store);
        this.commits = new Commits(loop, store);
    }

    /** Wall-clock time in Unix nanoseconds, as message timestamps use. */
    static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Monotonic time for deadlines. */
    static long monotonicNanos() {
        return System.nanoTime();
    }
}
