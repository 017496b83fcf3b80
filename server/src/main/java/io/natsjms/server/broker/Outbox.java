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
 * written at once and flushed when the read is done; receivers on other event loops are handed one
 * batch per read (or per {@link #BATCH_BYTES}) with all their messages in order. Writes therefore always
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
            receiver.handOver(batch.buffers);
        }
    }

    /**
     * Hands every remote batch to its receiver, then flushes local receivers (the publisher's own
     * replies among them). In that order, a publisher that sees the PONG for its PUBs knows that every
     * receiver will write those messages before answering anything it reads afterwards.
     */
    void flush() {
        for (Map.Entry<ClientConnection, Batch> entry : remote.entrySet()) {
            entry.getKey().handOver(entry.getValue().buffers);
        }
        remote.clear();
        for (ClientConnection receiver : local) {
            receiver.flushLocal();
        }
        local.clear();
    }
}
