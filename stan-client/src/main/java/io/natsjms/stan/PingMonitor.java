package io.natsjms.stan;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PingResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts client PINGs that went unanswered and judges the replies, as the Go client does: every tick
 * counts one more outstanding PING; a good reply resets the count; more than {@code maxOut}
 * outstanding means the connection is lost. A NATS "503 no responders" status reply (no streaming
 * server behind the subject) is not an answer: it leaves the PING outstanding. (The official Java
 * client reads its empty body as a good reply and so never notices a vanished server.)
 */
final class PingMonitor {

    /** The error of a connection lost because PINGs went unanswered, as both official clients word it. */
    static final String MAX_PINGS_ERROR = "stan: connection lost due to PING failure";

    private final int maxOut;
    /** PINGs sent (or attempted) since the last good reply. */
    private final AtomicInteger outstanding = new AtomicInteger();

    PingMonitor(int maxOut) {
        this.maxOut = maxOut;
    }

    /**
     * Counts a new PING.
     *
     * @return false if too many are outstanding: the connection is lost and no PING should be sent
     */
    boolean tick() {
        return outstanding.incrementAndGet() <= maxOut;
    }

    /**
     * Judges a reply to a PING.
     *
     * @param noResponders whether it is the NATS 503 status message
     * @param payload      the reply body
     * @return {@code null} if the connection is fine (or the reply proves nothing), else the server's
     *         error string, meaning the server no longer knows this client
     */
    String onReply(boolean noResponders, byte[] payload, String subject) {
        if (noResponders) {
            return null;
        }
        PingResponse response;
        try {
            response = Codec.decode(PingResponse.parser(), payload, "PingResponse", subject);
        } catch (ProtocolException e) {
            return null;
        }
        if (!response.getError().isEmpty()) {
            return response.getError();
        }
        outstanding.set(0);
        return null;
    }

    /** PINGs outstanding now. */
    int outstanding() {
        return outstanding.get();
    }
}
