package io.natsjms.stan;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One scheduled publish (a request/reply, so it has no place among the in-flight PubAcks that
 * {@link PendingPublishes} keeps), sent again with the same guid until the server acknowledges it, at most
 * {@link StanSettings#publishAttempts()} times (see there). An attempt that timed out is repeated at
 * once; one that could not be written (NATS is reconnecting) as soon as NATS is connected again, or
 * after one more ack wait. A server error, a closed or lost connection, or a publish that found no
 * place among the in-flight publishes ends it. Later attempts are started on the connection's timer
 * thread, never on the thread that completed the previous one.
 */
final class RetriedPublish {

    private static final System.Logger LOG = System.getLogger(RetriedPublish.class.getName());
    /** How often a publish waiting for NATS to come back looks again. */
    private static final long RECONNECT_POLL_MILLIS = 50;

    /** Sends the publish once. */
    interface Attempt {
        /**
         * @return completes with the PubAck, or fails with a {@link StanException}
         * @throws StanException when it could not even be sent and must not be tried again
         */
        CompletableFuture<String> send() throws StanException;
    }

    private final String what;
    private final Attempt attempt;
    private final int attempts;
    private final Duration ackWait;
    private final BooleanSupplier connected;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    private RetriedPublish(String what, Attempt attempt, int attempts, Duration ackWait, BooleanSupplier connected,
                           ScheduledExecutorService timer) {
        this.what = what;
        this.attempt = attempt;
        this.attempts = attempts;
        this.ackWait = ackWait;
        this.connected = connected;
        this.timer = timer;
    }

    /**
     * Sends the first attempt on the calling thread and returns the outcome of them all.
     *
     * @param what names the publish in the log ({@code guid ... on channel ...})
     */
    static CompletableFuture<String> start(String what, Attempt attempt, int attempts, Duration ackWait,
                                                 BooleanSupplier connected, ScheduledExecutorService timer) {
        RetriedPublish publish = new RetriedPublish(what, attempt, attempts, ackWait, connected, timer);
        publish.send(1);
        return publish.result;
    }

    private void send(int number) {
        CompletableFuture<String> sent;
        try {
            sent = attempt.send();
        } catch (StanException | RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        sent.whenComplete((ack, failure) -> {
            if (failure == null) {
                result.complete(ack);
            } else {
                retryOrFail(number, failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
        });
    }

    private void retryOrFail(int number, Throwable failure) {
        StanException.Kind kind = failure instanceof StanException e ? e.kind() : null;
        boolean again = number < attempts && (kind == StanException.Kind.TIMEOUT || kind == StanException.Kind.IO);
        if (!again) {
            result.completeExceptionally(failure);
            return;
        }
        LOG.log(Level.DEBUG, () -> "sending " + what + " again (attempt " + (number + 1) + " of " + attempts
                + ") after: " + failure.getMessage());
        try {
            if (kind == StanException.Kind.TIMEOUT) {
                timer.execute(() -> send(number + 1));
            } else {
                awaitConnection(number + 1, System.nanoTime() + ackWait.toNanos());
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(failure); // the connection is shutting down
        }
    }

    private void awaitConnection(int number, long deadline) {
        timer.schedule(() -> {
            if (connected.getAsBoolean() || System.nanoTime() - deadline >= 0) {
                send(number);
            } else {
                awaitConnection(number, deadline);
            }
        }, RECONNECT_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
}
