package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * Looks at the first bytes a client of a TLS listener sends: a TLS record goes on to the TLS handler
 * (and this gate leaves the pipeline); anything else, such as a plain {@code CONNECT}, gets nats-server's
 * {@code -ERR 'Secure Connection - TLS Required'} in plain text and the connection is closed.
 */
final class TlsRequiredGate extends ByteToMessageDecoder {

    private static final System.Logger LOG = System.getLogger(TlsRequiredGate.class.getName());
    /** The length of a TLS record header, which is what it takes to tell. */
    private static final int RECORD_HEADER = 5;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().remove(this);
            return;
        }
        LOG.log(System.Logger.Level.INFO, () -> "refusing client " + ctx.channel().remoteAddress()
                + ": it did not start TLS (the listener requires TLS)");
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "-ERR '" + BrokerErrors.TLS_REQUIRED + "'\r\n"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
