package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.ProcessCpuClock;
import io.natsjms.benchmarks.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Async publish throughput: {@code publishers} threads, each with its own connected
 * {@link Publisher} and its own ack window, publish {@code messages} 1 KB messages in total on one
 * channel. Timed from the moment all threads are released to the last acknowledgement.
 */
public final class PublishRun {

    /** The channel every streaming run publishes on. */
    public static final String CHANNEL = "bench.channel";

    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** Connects one publisher; {@code index} tells publishers of the same run apart. */
    @FunctionalInterface
    public interface Connector {
        Publisher connect(int index) throws Exception;
    }

    private PublishRun() {
    }

    public static Sample run(Connector connector, int publishers, long messages, int window) throws Exception {
        List<Publisher> connected = new ArrayList<>();
        try {
            for (int i = 0; i < publishers; i++) {
                connected.add(connector.connect(i));
            }
            return publish(connected, messages, window);
        } finally {
            for (Publisher publisher : connected) {
                publisher.close();
            }
        }
    }

    /** Publishes on {@link #CHANNEL} with already connected publishers; they stay open. */
    public static Sample publish(List<Publisher> publishers, long messages, int window) throws Exception {
        return publish(publishers, CHANNEL, messages, window);
    }

    /** Publishes on {@code channel} with already connected publishers; they stay open. */
    public static Sample publish(List<Publisher> publishers, String channel, long messages, int window)
            throws Exception {
        byte[][] payloads = Payloads.random();
        Completion completion = new Completion(messages);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers.size(); i++) {
            Publisher publisher = publishers.get(i);
            long share = messages / publishers.size() + (i < messages % publishers.size() ? 1 : 0);
            AckWindow ackWindow = new AckWindow(window, completion);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (long m = 0; m < share; m++) {
                        publisher.publish(channel, payloads[(int) (m % payloads.length)], ackWindow);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-publisher-" + i);
            thread.start();
            threads.add(thread);
        }
        long cpu = ProcessCpuClock.nanos();
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TIMEOUT.toMillis());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publisher failed: " + failure.get(), failure.get());
        }
        long end = completion.await(TIMEOUT, "publish");
        return new Sample(messages, end - begin, ProcessCpuClock.since(cpu));
    }
}
