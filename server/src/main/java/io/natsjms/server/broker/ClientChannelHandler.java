package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.natsjms.server.FatalErrors;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * Netty side of one client: hands received bytes to its {@link ClientConnection}, flushes what a
 * read batch produced once the batch is done, and tells the connection when the channel closes.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ClientChannelHandler.class.getName());

    private final NatsBroker broker;
    private ClientConnection connection;

    ClientChannelHandler(NatsBroker broker) {
        this.broker = broker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = broker.accept(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (connection != null && !connection.isClosed()) {
                connection.read(bytes);
            }
        } finally {
            bytes.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.flushPending();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (FatalErrors.isFatal(cause)) {
            FatalErrors.report(cause);
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            Throwable tls = cause instanceof SSLException ? cause : cause.getCause();
            LOG.log(System.Logger.Level.INFO, () -> "TLS with client " + ctx.channel().remoteAddress()
                    + " failed, closing: " + tls.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client I/O error, closing: " + cause);
        } else {
            LOG.log(System.Logger.Level.WARNING, "unexpected error on a client connection, closing it", cause);
        }
        ctx.close();
    }
}
