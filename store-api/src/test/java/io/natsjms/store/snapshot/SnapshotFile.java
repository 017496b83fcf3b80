package io.natsjms.store.snapshot;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.ScheduledMsg;
import io.natsjms.store.spb.ServerInfo;
import io.natsjms.store.spb.SubState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Writes and reads the whole content of a {@link SnapshotStore} as one file, replaced atomically. */
final class SnapshotFile {

    private static final int VERSION = 4;

    private final Path file;
    private final Path temporary;

    SnapshotFile(Path directory) {
        this.file = directory.resolve("snapshot.dat");
        this.temporary = directory.resolve("snapshot.tmp");
    }

    /** Called with the store's monitor held. */
    void write(SnapshotStore store) {
        try (OutputStream raw = Files.newOutputStream(temporary); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(VERSION);
            writeBytes(out, store.serverInfo == null ? null : store.serverInfo.toByteArray());
            out.writeInt(store.clients.size());
            for (ClientInfo client : store.clients.values()) {
                writeBytes(out, client.toByteArray());
            }
            out.writeInt(store.channels.size());
            for (SnapshotChannel channel : store.channels.values()) {
                writeChannel(out, channel);
            }
            out.writeInt(store.scheduled.size());
            for (ScheduledMsg msg : store.scheduled.values()) {
                writeBytes(out, msg.toByteArray());
            }
            out.writeInt(store.prepared.size());
            for (PreparedTx tx : store.prepared.values()) {
                writeBytes(out, tx.toByteArray());
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot write " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot replace " + file, e);
        }
    }

    private static void writeChannel(DataOutputStream out, SnapshotChannel channel) throws IOException {
        out.writeUTF(channel.name());
        out.writeLong(channel.last);
        out.writeLong(channel.lastTimestamp);
        out.writeLong(channel.lastSubId);
        out.writeInt(channel.held.size());
        for (MsgProto msg : channel.held.values()) {
            writeBytes(out, msg.toByteArray());
        }
        out.writeInt(channel.subs.size());
        for (Map.Entry<Long, SubState> sub : channel.subs.entrySet()) {
            writeBytes(out, sub.getValue().toByteArray());
            TreeSet<Long> pending = channel.pending.get(sub.getKey());
            out.writeInt(pending.size());
            for (long seq : pending) {
                out.writeLong(seq);
            }
            Map<Long, Integer> counts = channel.counts.get(sub.getKey());
            out.writeInt(counts.size());
            for (Map.Entry<Long, Integer> count : counts.entrySet()) {
                out.writeLong(count.getKey());
                out.writeInt(count.getValue());
            }
        }
    }

    /** Loads the snapshot, if any, into {@code store} (with its monitor held). */
    void read(SnapshotStore store) {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new StoreException(StoreException.Reason.CORRUPT,
                        file + ": version " + version + " (expected: " + VERSION + ")");
            }
            byte[] info = readBytes(in);
            store.serverInfo = info == null ? null : ServerInfo.parseFrom(info);
            for (int n = in.readInt(); n > 0; n--) {
                ClientInfo client = ClientInfo.parseFrom(readBytes(in));
                store.clients.put(client.getID(), client);
            }
            for (int n = in.readInt(); n > 0; n--) {
                readChannel(in, store);
            }
            for (int n = in.readInt(); n > 0; n--) {
                ScheduledMsg msg = ScheduledMsg.parseFrom(readBytes(in));
                store.scheduled.put(msg.getChannel() + " " + msg.getGuid(), msg);
            }
            for (int n = in.readInt(); n > 0; n--) {
                PreparedTx tx = PreparedTx.parseFrom(readBytes(in));
                store.prepared.put(tx.getId(), tx);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "cannot read " + file, e);
        }
    }

    private static void readChannel(DataInputStream in, SnapshotStore store) throws IOException {
        String name = in.readUTF();
        SnapshotChannel channel = new SnapshotChannel(store, name, store.limits().forChannel(name));
        channel.last = in.readLong();
        channel.lastTimestamp = in.readLong();
        channel.lastSubId = in.readLong();
        for (int n = in.readInt(); n > 0; n--) {
            channel.restore(MsgProto.parseFrom(readBytes(in)));
        }
        for (int n = in.readInt(); n > 0; n--) {
            SubState sub = SubState.parseFrom(readBytes(in));
            TreeSet<Long> pending = new TreeSet<>();
            for (int p = in.readInt(); p > 0; p--) {
                pending.add(in.readLong());
            }
            TreeMap<Long, Integer> counts = new TreeMap<>();
            for (int p = in.readInt(); p > 0; p--) {
                counts.put(in.readLong(), in.readInt());
            }
            channel.subs.put(sub.getID(), sub);
            channel.pending.put(sub.getID(), pending);
            channel.counts.put(sub.getID(), counts);
        }
        store.channels.put(name, channel);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
