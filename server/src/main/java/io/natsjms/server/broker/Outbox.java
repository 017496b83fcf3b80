package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes one connection produced during its current read, one buffer per receiver, in the spirit of
 * nats-server's per-read "pending client deliveries": every MSG for a receiver (and the connection's
 * own replies) is appended to that receiver's buffer, and the buffers are handed over when the read
 * is done or when one reaches {@link #BATCH_BYTES}. Receivers on the same event loop are written at
 * once; receivers on other loops get the buffer to write on their own loop. Writes therefore always
 * happen on the receiver's loop, where the outbound buffer shows only what its socket has not taken
 * yet: that, not bytes in transit between loops, is what the slow-consumer limit is checked against.
 *
 * <p>Confined to the producing connection's event loop.
 */
final class Outbox {
    /** A receiver's buffer is handed over once it holds this many bytes. */
    static final int BATCH_BYTES = 64 * 1024;
    private static final int INITIAL_BYTES = 1024;

    private final ByteBufAllocator allocator;
    private final Map<ClientConnection, ByteBuf> pending = new IdentityHashMap<>();
    /** Reused list of receivers on the producer's own loop, during {@link #flush()}. */
    private final List<ClientConnection> local = new ArrayList<>();
    private final MessageEncoder encoder = new MessageEncoder();
    /** The receiver of the latest append and its buffer, sparing a map lookup for runs to one receiver. */
    private ClientConnection lastReceiver;
    private ByteBuf lastBuffer;
    /**
     * Initial capacity of a receiver's buffer: the average a receiver got in the previous flush, so that
     * a steady stream needs no reallocation while the buffer fills.
     */
    private int initialBytes = INITIAL_BYTES;

    Outbox(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** Appends one message for {@code receiver}, as {@code sub} delivers it. */
    void append(ClientConnection receiver, BrokerSubscription sub, Publication pub) {
        ByteBuf buf = bufferFor(receiver);
        encoder.encode(buf, sub, pub, receiver.options().headers());
        appended(receiver, buf);
    }

    /** The buffer to append {@code receiver}'s next bytes to; call {@link #appended} after writing. */
    ByteBuf bufferFor(ClientConnection receiver) {
        if (receiver == lastReceiver) {
            return lastBuffer;
        }
        ByteBuf buf = pending.get(receiver);
        if (buf == null) {
            buf = allocator.buffer(initialBytes);
            pending.put(receiver, buf);
        }
        lastReceiver = receiver;
        lastBuffer = buf;
        return buf;
    }

    /** Hands the receiver's buffer over early once it is large. */
    void appended(ClientConnection receiver, ByteBuf buf) {
        if (buf.readableBytes() >= BATCH_BYTES) {
            forget(receiver);
            pending.remove(receiver);
            handOver(receiver, buf);
            if (receiver.channel.eventLoop().inEventLoop()) {
                receiver.flushLocal();
            }
        }
    }

    /** Removes and returns what is pending for {@code receiver}, or {@code null}. */
    ByteBuf take(ClientConnection receiver) {
        forget(receiver);
        return pending.remove(receiver);
    }

    /**
     * Hands every buffer to its receiver: first to receivers on other loops, then to those on this
     * loop (the producer itself among them). In that order, a publisher that sees the PONG for its
     * PUBs knows every receiver will write those messages before answering anything it reads later.
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        lastReceiver = null;
        lastBuffer = null;
        int receivers = pending.size();
        long total = 0;
        for (Map.Entry<ClientConnection, ByteBuf> entry : pending.entrySet()) {
            ClientConnection receiver = entry.getKey();
            total += entry.getValue().readableBytes();
            if (receiver.channel.eventLoop().inEventLoop()) {
                local.add(receiver);
            } else {
                receiver.handOver(entry.getValue());
            }
        }
        for (ClientConnection receiver : local) {
            receiver.deliverLocal(pending.get(receiver));
            receiver.flushLocal();
        }
        initialBytes = (int) Math.max(INITIAL_BYTES, Math.min(BATCH_BYTES, total / receivers));
        local.clear();
        pending.clear();
    }

    private void forget(ClientConnection receiver) {
        if (receiver == lastReceiver) {
            lastReceiver = null;
            lastBuffer = null;
        }
    }

    private static void handOver(ClientConnection receiver, ByteBuf buf) {
        if (receiver.channel.eventLoop().inEventLoop()) {
            receiver.deliverLocal(buf);
        } else {
            receiver.handOver(buf);
        }
    }
}
