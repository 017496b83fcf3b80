package io.natsjms.examples.workqueue;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Processes the jobs of the queue with {@link WorkQueue#MAX_SESSION} sessions in parallel: the adapter hands
 * each job to one session, and the container runs each delivery on a bean instance of its pool. Every job
 * is entered in the {@link JobBook} with the thread and the bean instance that processed it.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = WorkQueue.CHANNEL),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = WorkQueue.MAX_SESSION)})
public class JobWorkerMdb implements MessageListener {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String instance = "worker-" + INSTANCES.incrementAndGet();

    @Inject
    private JobBook book;

    @Override
    public void onMessage(Message message) {
        Job job = read(message);
        String thread = Thread.currentThread().getName();
        book.started(job, thread, instance);
        try {
            long start = System.nanoTime();
            int primes = Sieve.countPrimesUpTo(job.upTo());
            book.finished(job, thread, instance, primes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (RuntimeException | Error e) {
            book.failed(job);
            throw e;
        }
    }

    private static Job read(Message message) {
        try {
            return Job.fromMap(message.getBody(Map.class));
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("job message: " + e.getMessage(), e);
        }
    }
}
