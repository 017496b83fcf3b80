package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/** Writes {@code MSG} and {@code HMSG} frames. */
final class MessageEncoder {
    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSG = "HMSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    /** Room for the operation name, separators and two sizes. */
    private static final int OVERHEAD = 40;

    private MessageEncoder() {
    }

    /**
     * Appends one delivery to {@code buf}: {@code HMSG} when the message has headers and the receiver supports them,
     * otherwise {@code MSG}; a receiver without header support gets the payload without the headers,
     * as nats-server does.
     *
     * @param headerSize size of the header block at the start of {@code data}, or -1 without headers
     */
    static void encode(ByteBuf buf, Subscription sub, byte[] subject, byte[] reply, int headerSize,
                       byte[] data, boolean receiverHeaders) {
        boolean withHeaders = headerSize >= 0 && receiverHeaders;
        int payloadOffset = headerSize >= 0 && !withHeaders ? headerSize : 0;
        int payloadLength = data.length - payloadOffset;
        buf.ensureWritable(subject.length + sub.sidBytes.length + (reply == null ? 0 : reply.length)
                + payloadLength + OVERHEAD);
        buf.writeBytes(withHeaders ? HMSG : MSG).writeBytes(subject).writeByte(' ').writeBytes(sub.sidBytes)
                .writeByte(' ');
        if (reply != null) {
            buf.writeBytes(reply).writeByte(' ');
        }
        if (withHeaders) {
            ByteBufUtil.writeAscii(buf, Integer.toString(headerSize));
            buf.writeByte(' ');
        }
        ByteBufUtil.writeAscii(buf, Integer.toString(payloadLength));
        buf.writeBytes(CRLF).writeBytes(data, payloadOffset, payloadLength).writeBytes(CRLF);
    }
}
