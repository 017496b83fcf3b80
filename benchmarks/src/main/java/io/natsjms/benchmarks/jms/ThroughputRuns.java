package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.Sample;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The three throughput cases, each on fresh clients of a fresh broker. A run fails (instead of
 * reporting a rate) unless the durable subscriber received every message that was sent.
 */
final class ThroughputRuns {

    /** How long a run may wait for completions or deliveries. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ThroughputRuns() {
    }

    /**
     * Sync send: {@code send()} one message after the other for {@code seconds}, the durable subscriber
     * attached and receiving. Timed from the first send to the return of the last.
     */
    static Sample syncSend(ConnectionFactory factory, double seconds) throws Exception {
        try (JmsClients clients = JmsClients.open(factory)) {
            Receiver receiver = new Receiver(null);
            clients.attach(receiver);
            long sent = 0;
            long begin = System.nanoTime();
            long deadline = begin + nanos(seconds);
            do {
                clients.producer().send(clients.nextMessage());
                sent++;
            } while (System.nanoTime() < deadline);
            long end = System.nanoTime();
            receiver.await(sent, TIMEOUT);
            return new Sample(sent, end - begin);
        }
    }

    /**
     * Async send: {@code send(message, CompletionListener)} with at most {@code window} sends not yet
     * completed, for {@code seconds}, the durable subscriber attached and receiving. Timed from the
     * first send to the last completion.
     */
    static Sample asyncSend(ConnectionFactory factory, double seconds, int window) throws Exception {
        try (JmsClients clients = JmsClients.open(factory)) {
            Receiver receiver = new Receiver(null);
            clients.attach(receiver);
            SendWindow sends = new SendWindow(window, null);
            long sent = 0;
            long begin = System.nanoTime();
            long deadline = begin + nanos(seconds);
            do {
                sends.send(clients.producer(), clients.nextMessage());
                sent++;
            } while (System.nanoTime() < deadline);
            long end = sends.awaitAll(sent, TIMEOUT);
            receiver.await(sent, TIMEOUT);
            return new Sample(sent, end - begin);
        }
    }

    /**
     * Backlog drain: with the durable subscription created but no consumer, {@code messages} are sent
     * asynchronously and all completed (not timed); then the subscriber re-attaches. Timed from the
     * {@code createDurableConsumer} call to the reception of the last message.
     */
    static Sample drain(ConnectionFactory factory, int messages, int window) throws Exception {
        try (JmsClients clients = JmsClients.open(factory)) {
            clients.createSubscription();
            SendWindow sends = new SendWindow(window, null);
            for (int i = 0; i < messages; i++) {
                sends.send(clients.producer(), clients.nextMessage());
            }
            sends.awaitAll(messages, TIMEOUT);
            Receiver receiver = new Receiver(null);
            long begin = System.nanoTime();
            clients.attach(receiver);
            long end = receiver.await(messages, TIMEOUT);
            return new Sample(messages, end - begin);
        }
    }

    static long nanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
