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
 *
 * <p>A publish registered with more than one attempt is not ended by its first timeouts: it keeps its
 * place and is sent again, with its guid, by the timer thread, until a PubAck comes or its attempts
 * are used up. A publish that could not be written (NATS reconnecting) waits for its timeout like one
 * whose PubAck was lost, then is sent again; with no attempt left it fails at once.
 */
final class PendingPublishes {

    private static final System.Logger LOG = System.getLogger(PendingPublishes.class.getName());

    /** One publish in flight. */
    private static final class Pending {
        final String channel;
        final CompletableFuture<String> future = new CompletableFuture<>();
        /** Writes the publish again; throws IllegalStateException when it cannot be written now. */
        final Runnable resend;
        /** How many more times it may be sent; guarded by this. */
        int attemptsLeft;
        /** The current attempt's timeout. */
        volatile ScheduledFuture<?> timeout;

        Pending(String channel, Runnable resend, int attemptsLeft) {
            this.channel = channel;
            this.resend = resend;
            this.attemptsLeft = attemptsLeft;
        }
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
     * Registers a publish sent once; see {@link #register(String, String, int, Runnable)}.
     *
     * @throws StanException TIMEOUT if no place freed up within twice the ack wait, INTERRUPTED if interrupted
     */
    CompletableFuture<String> register(String guid, String channel) throws StanException {
        return register(guid, channel, 1, () -> { });
    }

    /**
     * Registers a publish about to be sent and returns its future, completed on the PubAck, on the
     * ack-wait timeout of its last attempt, or by {@link #fail}/{@link #failAll}.
     *
     * @param attempts how many times it may be sent in all (the caller sends the first)
     * @param resend   sends it again (on the timer thread); throws IllegalStateException if it cannot be
     *                 written now
     * @throws StanException TIMEOUT if no place freed up within twice the ack wait, INTERRUPTED if interrupted
     */
    CompletableFuture<String> register(String guid, String channel, int attempts, Runnable resend)
            throws StanException {
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
        Pending pending = new Pending(channel, resend, attempts - 1);
        Pending previous = byGuid.putIfAbsent(guid, pending);
        if (previous != null) {
            places.release();
            throw new IllegalArgumentException("guid: \"" + guid + "\" (expected: unique, it is already in flight)");
        }
        pending.timeout = timer.schedule(() -> timedOut(guid, pending, attempts), ackWait.toNanos(),
                TimeUnit.NANOSECONDS);
        return pending.future;
    }

    /** The current attempt of {@code pending} got no PubAck in time: send it again, or fail it. */
    private void timedOut(String guid, Pending pending, int attempts) {
        synchronized (pending) {
            if (byGuid.get(guid) != pending) {
                return; // ended meanwhile
            }
            if (pending.attemptsLeft > 0) {
                pending.attemptsLeft--;
                pending.timeout = timer.schedule(() -> timedOut(guid, pending, attempts), ackWait.toNanos(),
                        TimeUnit.NANOSECONDS);
                LOG.log(Level.DEBUG, () -> "no PubAck for guid " + guid + " on channel \"" + pending.channel
                        + "\" within " + ackWait + ", sending it again");
                try {
                    pending.resend.run();
                } catch (IllegalStateException e) {
                    // not connected: the next timeout tries again
                }
                return;
            }
        }
        fail(guid, new StanException(StanException.Kind.TIMEOUT, "stan: publish ack timeout: no PubAck for guid "
                + guid + " on channel \"" + pending.channel + "\" within " + ackWait
                + (attempts > 1 ? " (sent " + attempts + " times)" : "")));
    }

    /**
     * The publish {@code guid} could not be written: it fails with {@code cause} when it has no attempt
     * left, otherwise its timeout sends it again.
     */
    void writeFailed(String guid, StanException cause) {
        Pending pending = byGuid.get(guid);
        if (pending == null) {
            return;
        }
        synchronized (pending) {
            if (pending.attemptsLeft > 0) {
                return;
            }
        }
        fail(guid, cause);
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
                pending.future.complete(ack.getGuid());
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
        ScheduledFuture<?> timeout = pending.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        try {
            outcome.accept(pending);
        } finally {
            places.release();
        }
        return true;
    }
}
