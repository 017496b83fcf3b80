package io.natsjms.benchmarks.scale;

import com.google.protobuf.ByteString;
import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.server.BenchServer;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishing over many channels, on a fresh in-process server per run: every channel first gets one
 * message, which creates it (timed apart: a one-off cost per channel), then one publisher spreads its 1 KB
 * messages round-robin over all of them, (a) as fast as its ack window allows, for the throughput,
 * and (b) at a fixed rate, for the publish -> PubAck p99 measured from each message's due time.
 */
final class ChannelsRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int CREATE_WINDOW = 1024;

    /**
     * @param messagesPerSecond async publish throughput, all channels together
     * @param ackP99Millis      publish -> PubAck p99 at the fixed rate
     * @param createMicros      microseconds per channel of the first publishes, which create the channels
     */
    record Result(double messagesPerSecond, double ackP99Millis, double createMicros) {
    }

    private ChannelsRun() {
    }

    static Result run(String store, int channels, ScaleOptions options) throws Exception {
        ByteString[] payloads = payloads();
        try (BenchServer server = BenchServer.streaming(store, options.directory(), StoreLimits.unlimited())) {
            String url = server.url();
            long creating = System.nanoTime();
            double createMicros;
            try (TimedPublisher creator = TimedPublisher.connect(url, BenchServer.CLUSTER_ID, "scale-create",
                    channels, CREATE_WINDOW)) {
                for (int c = 0; c < channels; c++) {
                    creator.publish(c, StoreFill.channelName(c), payloads[0], System.nanoTime());
                }
                createMicros = (creator.awaitAcks(TIMEOUT) - creating) / 1e3 / channels;
            }
            double rate;
            int messages = options.publishMessages();
            try (TimedPublisher publisher = TimedPublisher.connect(url, BenchServer.CLUSTER_ID, "scale-pub",
                    messages, options.window())) {
                long begin = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    publisher.publish(i, StoreFill.channelName(i % channels), payloads[i % payloads.length],
                            System.nanoTime());
                }
                rate = messages * 1e9 / (publisher.awaitAcks(TIMEOUT) - begin);
            }
            int fixed = (int) Math.max(1, Math.round(options.rate() * options.rateSeconds()));
            try (TimedPublisher publisher = TimedPublisher.connect(url, BenchServer.CLUSTER_ID, "scale-rate",
                    fixed, fixed)) {
                long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
                for (int i = 0; i < fixed; i++) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    publisher.publish(i, StoreFill.channelName(i % channels), payloads[i % payloads.length], due);
                }
                publisher.awaitAcks(TIMEOUT);
                return new Result(rate, publisher.ackNanos().getValueAtPercentile(99) / 1e6, createMicros);
            }
        }
    }

    private static ByteString[] payloads() {
        byte[][] random = Payloads.random();
        ByteString[] payloads = new ByteString[random.length];
        for (int i = 0; i < random.length; i++) {
            payloads[i] = ByteString.copyFrom(random[i]);
        }
        return payloads;
    }
}
