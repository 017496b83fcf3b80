package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadScratchTest {

    @Test
    void threadsTakingScratchAtTheSameTimeNeverGetTheSameBuffer() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger clobbered = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte mark = (byte) (t + 1);
            Thread reader = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    int bytes = 1 + (i * 7919 + mark) % 9000; // grows the buffer now and then
                    ByteBuffer scratch = ReadScratch.take(bytes);
                    for (int p = 0; p < bytes; p += 97) {
                        scratch.put(p, mark);
                    }
                    Thread.yield();
                    for (int p = 0; p < bytes; p += 97) {
                        if (scratch.get(p) != mark) {
                            clobbered.incrementAndGet();
                        }
                    }
                }
            });
            readers.add(reader);
            reader.start();
        }
        start.countDown();
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(clobbered).as("bytes another thread wrote into a thread's scratch").hasValue(0);
    }

    @Test
    void aBufferIsReusedByItsThreadAndHugeRecordsGetNone() {
        ByteBuffer first = ReadScratch.take(100);
        ByteBuffer again = ReadScratch.take(200);

        assertThat(again).isSameAs(first);
        assertThat(again.limit()).isEqualTo(200);
        assertThat(ReadScratch.take(ReadScratch.MAX + 1)).isNull();
    }
}
