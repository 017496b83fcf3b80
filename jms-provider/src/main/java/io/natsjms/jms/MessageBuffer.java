package io.natsjms.jms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/** The messages delivered to one consumer and not yet handed to the application, in delivery order. */
final class MessageBuffer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Delivered> items = new ArrayDeque<>();
    private boolean closed;

    /** Appends; false (and nothing kept) once closed. */
    boolean add(Delivered delivered) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            items.addLast(delivered);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts {@code deliveries} back in front, keeping their order (local redelivery). */
    void addFirst(List<Delivered> deliveries) {
        lock.lock();
        try {
            for (int i = deliveries.size() - 1; i >= 0; i--) {
                items.addFirst(deliveries.get(i));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next message without waiting, or null. */
    Delivered poll() {
        lock.lock();
        try {
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a message is there and {@code open} says it may be handed out, or {@code timeoutNanos}
     * passed ({@code Long.MAX_VALUE}: no limit), or the buffer is closed.
     *
     * @return the message, or null on timeout/close
     */
    Delivered take(long timeoutNanos, BooleanSupplier open) throws InterruptedException {
        lock.lock();
        try {
            return awaitFirst(timeoutNanos, open) ? items.pollFirst() : null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * As {@link #take} but leaves the message in the buffer.
     *
     * @return whether a message can be taken now
     */
    boolean await(long timeoutNanos, BooleanSupplier open) throws InterruptedException {
        lock.lock();
        try {
            return awaitFirst(timeoutNanos, open);
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: waits as {@link #take} describes; true when the first message may be handed out. */
    private boolean awaitFirst(long timeoutNanos, BooleanSupplier open) throws InterruptedException {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (!closed) {
            if (!items.isEmpty() && open.getAsBoolean()) {
                return true;
            }
            if (deadline == Long.MAX_VALUE) {
                changed.await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
        return false;
    }

    /** Wakes waiters so they re-check their condition (connection started, consumer closed). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the buffer and returns what it still held. */
    List<Delivered> close() {
        lock.lock();
        try {
            closed = true;
            List<Delivered> left = new ArrayList<>(items);
            items.clear();
            changed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** How many messages wait. */
    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
