package io.natsjms.ra;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A work manager on a cached thread pool whose threads are named {@value #THREAD_PREFIX}N; remembers the works. */
final class FakeWorkManager implements WorkManager {

    static final String THREAD_PREFIX = "fake-work-";

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, THREAD_PREFIX + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final List<Work> works = new CopyOnWriteArrayList<>();

    /** Every work handed in so far. */
    List<Work> works() {
        return works;
    }

    @Override
    public void doWork(Work work) throws WorkException {
        try {
            pool.submit(accept(work)).get();
        } catch (ExecutionException | InterruptedException e) {
            throw new WorkException("doWork failed", e);
        }
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) throws WorkException {
        doWork(work);
    }

    @Override
    public long startWork(Work work) {
        pool.execute(accept(work));
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        return startWork(work);
    }

    @Override
    public void scheduleWork(Work work) {
        pool.execute(accept(work));
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        scheduleWork(work);
    }

    private Work accept(Work work) {
        works.add(work);
        return work;
    }

    /** Interrupts what still runs (nothing should: the adapter stops its works) and waits for the threads. */
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
