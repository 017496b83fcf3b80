package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages one publishing connection produced for others during its current read, in the spirit of
 * nats-server's per-read "pending client deliveries". Receivers on the publisher's own event loop are
 * written at once and flushed when the read is done; receivers on other event loops get one task per
 * read (or per {@link #BATCH_BYTES}) carrying all their messages in order. Writes therefore always
 * happen on the receiver's event loop, where the outbound buffer shows the bytes its socket has not
 * taken yet: that, and nothing queued in transit, is what the slow-consumer limit is checked against.
 *
 * <p>Confined to the publisher's event loop.
 */
final class Outbox {
    /** A batch for a remote receiver is handed over once it holds this many bytes. */
    static final int BATCH_BYTES = 64 * 1024;

    private final Set<ClientConnection> local = new LinkedHashSet<>();
    private final Map<ClientConnection, Batch> remote = new LinkedHashMap<>();

    private static final class Batch {
        final List<ByteBuf> buffers = new ArrayList<>();
        int bytes;
    }

    /** Queues {@code buf} for {@code receiver}; ownership of the buffer passes to the outbox. */
    void add(ClientConnection receiver, ByteBuf buf) {
        if (receiver.channel.eventLoop().inEventLoop()) {
            receiver.writeLocal(buf);
            local.add(receiver);
            return;
        }
        Batch batch = remote.computeIfAbsent(receiver, r -> new Batch());
        batch.buffers.add(buf);
        batch.bytes += buf.readableBytes();
        if (batch.bytes >= BATCH_BYTES) {
            remote.remove(receiver);
            handOver(receiver, batch);
        }
    }

    /** Flushes local receivers and hands every remote batch to its receiver's event loop. */
    void flush() {
        for (ClientConnection receiver : local) {
            receiver.flushLocal();
        }
        local.clear();
        for (Map.Entry<ClientConnection, Batch> entry : remote.entrySet()) {
            handOver(entry.getKey(), entry.getValue());
        }
        remote.clear();
    }

    private static void handOver(ClientConnection receiver, Batch batch) {
        List<ByteBuf> buffers = batch.buffers;
        try {
            receiver.channel.eventLoop().execute(() -> receiver.writeBatch(buffers));
        } catch (RuntimeException rejected) {
            // the receiver's event loop is shutting down: nobody will write these
            buffers.forEach(ByteBuf::release);
        }
    }
}
