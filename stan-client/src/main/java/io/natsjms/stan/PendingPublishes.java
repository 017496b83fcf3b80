package io.natsjms.stan;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PubAck;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The publishes awaiting their PubAck, by guid. At most {@code maxInFlight} are outstanding:
 * {@link #register} blocks while that many are, for at most twice the ack wait (by then the oldest
 * ones have timed out and freed their places). Each entry ends exactly once — PubAck, timeout or failure —
 * and only the call that removes it from the map completes its future and then frees its place.
 */
final class PendingPublishes {

    private static final System.Logger LOG = System.getLogger(PendingPublishes.class.getName());

    /** One publish in flight. */
    private record Pending(String channel, CompletableFuture<PubAckResult> future, ScheduledFuture<?> timeout) {
    }

    /** Outstanding publishes by guid; the map is the single point that decides who ends an entry. */
    private final Map<String, Pending> byGuid = new ConcurrentHashMap<>();
    /** One permit per publish that may still be sent. */
    private final Semaphore places;
    private final int maxInFlight;
    private final Duration ackWait;
    /**
     * How long a publish waits for a place: twice the ack wait, since the oldest outstanding publish
     * ends (acked or timed out) within one ack wait and its timeout task may run a little late.
     */
    private final Duration placeWait;
    private final ScheduledExecutorService timer;

    PendingPublishes(int maxInFlight, Duration ackWait, ScheduledExecutorService timer) {
        this.places = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.ackWait = ackWait;
        this.placeWait = ackWait.multipliedBy(2);
        this.timer = timer;
    }

    /**
     * Registers a publish about to be sent and returns its future, completed on the PubAck, on the
     * ack-wait timeout, or by {@link #fail}/{@link #failAll}.
     *
     * @throws StanException TIMEOUT if no place freed up within twice the ack wait, INTERRUPTED if interrupted
     */
    CompletableFuture<PubAckResult> register(String guid, String channel) throws StanException {
        try {
            if (!places.tryAcquire(placeWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StanException(StanException.Kind.TIMEOUT, "stan: publish ack timeout: "
                        + maxInFlight + " publishes (maxPubAcksInFlight) still unacknowledged after "
                        + placeWait + ", channel \"" + channel + "\" not published");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED,
                    "interrupted while waiting to publish to channel \"" + channel + "\"", e);
        }
        CompletableFuture<PubAckResult> future = new CompletableFuture<>();
        ScheduledFuture<?> timeout = timer.schedule(() -> fail(guid, new StanException(StanException.Kind.TIMEOUT,
                "stan: publish ack timeout: no PubAck for guid " + guid + " on channel \"" + channel
                        + "\" within " + ackWait)), ackWait.toNanos(), TimeUnit.NANOSECONDS);
        Pending previous = byGuid.putIfAbsent(guid, new Pending(channel, future, timeout));
        if (previous != null) {
            timeout.cancel(false);
            places.release();
            throw new IllegalArgumentException("guid: \"" + guid + "\" (expected: unique, it is already in flight)");
        }
        return future;
    }

    /** Handles a PubAck payload: completes the matching publish, normally or with the server's error. */
    void onPubAck(byte[] payload, String subject) {
        PubAck ack;
        try {
            ack = Codec.decode(PubAck.parser(), payload, "PubAck", subject);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, e.getMessage());
            return;
        }
        boolean known = end(ack.getGuid(), pending -> {
            if (ack.getError().isEmpty()) {
                pending.future.complete(new PubAckResult(pending.channel, ack.getGuid()));
            } else {
                pending.future.completeExceptionally(
                        StanException.fromServer(StanException.Kind.SERVER_ERROR, ack.getError()));
            }
        });
        if (!known) {
            LOG.log(Level.DEBUG, () -> "PubAck for unknown or timed out guid " + ack.getGuid());
        }
    }

    /** Fails the publish {@code guid} if it is still in flight. */
    void fail(String guid, StanException cause) {
        end(guid, pending -> pending.future.completeExceptionally(cause));
    }

    /** Fails every publish to {@code channel} in flight. */
    void failChannel(String channel, StanException cause) {
        byGuid.forEach((guid, pending) -> {
            if (pending.channel.equals(channel)) {
                fail(guid, cause);
            }
        });
    }

    /** Fails every publish in flight. */
    void failAll(StanException cause) {
        for (String guid : byGuid.keySet()) {
            fail(guid, cause);
        }
    }

    /** How many publishes await their PubAck. */
    int inFlight() {
        return byGuid.size();
    }

    /** How many more publishes may be registered without blocking. */
    int freePlaces() {
        return places.availablePermits();
    }

    /**
     * Ends the publish {@code guid} if it is still in flight: {@code outcome} completes its future, and only
     * then is its place freed, so a publish that got the place sees the previous one ended.
     *
     * @return whether it was in flight
     */
    private boolean end(String guid, Consumer<Pending> outcome) {
        Pending pending = byGuid.remove(guid);
        if (pending == null) {
            return false;
        }
        pending.timeout.cancel(false);
        try {
            outcome.accept(pending);
        } finally {
            places.release();
        }
        return true;
    }
}
