package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@code MSG} and {@code HMSG} frames. The control line (and a small payload with its CRLF) is
 * assembled in a scratch array and appended to the outbound buffer in one write, and the
 * {@code MSG <subject> <sid> } prefix is kept on the subscription for the next message to the same
 * subject.
 *
 * <p>Not thread-safe: one per {@link Outbox}, used on the producing connection's event loop.
 */
final class MessageEncoder {
    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);
    /** Room for the two sizes with their separators and both CRLFs. */
    private static final int OVERHEAD = 2 * 11 + 4;
    /** Payloads up to this size are copied into the scratch array with the control line. */
    private static final int INLINE_PAYLOAD = 512;

    private byte[] scratch = new byte[1024];

    /**
     * Appends one delivery to {@code buf}: {@code HMSG} when the message has headers and the receiver supports them,
     * otherwise {@code MSG}; a receiver without header support gets the payload without the headers,
     * as nats-server does.
     */
    void encode(ByteBuf buf, BrokerSubscription sub, Publication pub, boolean receiverHeaders) {
        int headerSize = pub.headerSize;
        boolean withHeaders = headerSize >= 0 && receiverHeaders;
        int skip = headerSize >= 0 && !withHeaders ? headerSize : 0;
        int payloadOffset = pub.offset + skip;
        int payloadLength = pub.length - skip;
        byte[] prefix = sub.messagePrefix(pub.subject, withHeaders);
        byte[] reply = pub.reply;
        boolean inline = payloadLength <= INLINE_PAYLOAD;
        int lineLength = prefix.length + (reply == null ? 0 : reply.length + 1) + OVERHEAD
                + (inline ? payloadLength : 0);
        byte[] line = scratch.length >= lineLength ? scratch : grow(lineLength);
        int n = put(line, 0, prefix);
        if (reply != null) {
            n = put(line, n, reply);
            line[n++] = ' ';
        }
        if (withHeaders) {
            n = putDecimal(line, n, headerSize);
            line[n++] = ' ';
        }
        n = putDecimal(line, n, payloadLength);
        line[n++] = '\r';
        line[n++] = '\n';
        if (inline) {
            System.arraycopy(pub.data, payloadOffset, line, n, payloadLength);
            n += payloadLength;
            line[n++] = '\r';
            line[n++] = '\n';
            buf.writeBytes(line, 0, n);
        } else {
            buf.ensureWritable(n + payloadLength + 2);
            buf.writeBytes(line, 0, n).writeBytes(pub.data, payloadOffset, payloadLength).writeShort(('\r' << 8) | '\n');
        }
    }

    /** The bytes written before the reply and sizes: {@code MSG <subject> <sid> } or the HMSG variant. */
    static byte[] prefix(PublishedSubject subject, byte[] sid, boolean headers) {
        byte[] op = headers ? HMSG : MSG;
        byte[] prefix = new byte[op.length + subject.bytes.length + sid.length + 2];
        int n = put(prefix, 0, op);
        n = put(prefix, n, subject.bytes);
        prefix[n++] = ' ';
        n = put(prefix, n, sid);
        prefix[n] = ' ';
        return prefix;
    }

    private byte[] grow(int length) {
        scratch = new byte[Math.max(length, 2 * scratch.length)];
        return scratch;
    }

    private static int put(byte[] target, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, target, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes a non-negative int in decimal; returns the index after it. */
    private static int putDecimal(byte[] target, int at, int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = at + digits;
        int i = end;
        int v = value;
        do {
            target[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return end;
    }
}
