package io.natsjms.store.jetstream;

import io.natsjms.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The right to write a store: one key in a JetStream key-value bucket whose entries expire after the
 * lease time. Whoever creates the key holds the lease; the holder renews it (a conditional update) every
 * quarter of the lease time; when the holder stops renewing, the entry expires and another server can
 * create it. The revision of the created entry is the holder's <em>epoch</em>, which grows with every
 * new holder.
 *
 * <p>The lease alone does not stop a holder that was paused (a long GC, SIGSTOP) from writing after it
 * expired: {@link #isValid()} says whether it may still act, counting from the moment before its last
 * successful renewal was sent, and the store makes every write conditional as well (see
 * {@link StateBucket#fence}).
 */
final class Lease implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Lease.class.getName());
    private static final String KEY = "holder";
    /** The API error of a conditional write whose expected revision is not the last one. */
    static final int WRONG_LAST_SEQUENCE = 10071;

    private final KeyValue bucket;
    private final String owner;
    private final Duration ttl;
    private final long epoch;
    private final LongSupplier clock;
    private final ScheduledExecutorService renewer;

    /** Held across each write of the lease entry, so that a renewal and the release never overlap. */
    private final Object writeLock = new Object();
    /** The revision of the holder's entry now; guarded by this. */
    private long revision;
    /** Until when (System.nanoTime) the lease is certainly still this holder's; guarded by this. */
    private long validUntil;
    /** Set once another server took the lease over or it was released; guarded by this. */
    private boolean lost;

    private Lease(KeyValue bucket, String owner, Duration ttl, long revision, long sentAt) {
        this.bucket = bucket;
        this.owner = owner;
        this.ttl = ttl;
        this.epoch = revision;
        this.revision = revision;
        this.clock = System::nanoTime;
        this.validUntil = sentAt + validity(ttl);
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "natsjms-lease-" + owner);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, ttl.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** How long after a renewal was sent the holder may still act: the lease time less a safety margin. */
    private static long validity(Duration ttl) {
        return ttl.toNanos() - ttl.toNanos() / 4;
    }

    /**
     * Takes the lease, creating its bucket if needed.
     *
     * @param wait whether to wait until the lease is free; otherwise fail at once when it is held
     * @throws StoreException {@code LOCKED} when it is held and {@code wait} is false
     */
    static Lease acquire(Connection connection, JetStreamStoreConfig config, String owner, boolean wait)
            throws IOException, JetStreamApiException, InterruptedException {
        Naming naming = config.naming();
        Duration bucketTtl = openBucket(connection, naming.leaseBucket(), config);
        KeyValue bucket = connection.keyValue(naming.leaseBucket());
        // the bucket expires entries after its own TTL, set by whoever created it: never count on more
        Duration ttl = bucketTtl.isZero() || bucketTtl.compareTo(config.lease()) > 0 ? config.lease() : bucketTtl;
        long pollMillis = Math.max(20, config.lease().toMillis() / 20);
        boolean announced = false;
        while (true) {
            long sentAt = System.nanoTime();
            try {
                long revision = bucket.create(KEY, owner.getBytes(StandardCharsets.UTF_8));
                LOG.log(Level.INFO, "took the lease of \"{0}\" as {1} (epoch {2})", naming.prefix(), owner, revision);
                return new Lease(bucket, owner, ttl, revision, sentAt);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                    throw e;
                }
            }
            if (!wait) {
                throw new StoreException(StoreException.Reason.LOCKED, "store \"" + naming.prefix()
                        + "\" is locked: its lease is held by " + holder(bucket));
            }
            if (!announced) {
                announced = true;
                LOG.log(Level.INFO, "standing by: the lease of \"{0}\" is held by {1}", naming.prefix(), holder(bucket));
            }
            Thread.sleep(pollMillis);
        }
    }

    /** Opens the lease bucket, creating it if needed; returns the TTL of its entries. */
    private static Duration openBucket(Connection connection, String name, JetStreamStoreConfig config)
            throws IOException, JetStreamApiException {
        try {
            return connection.keyValueManagement().getStatus(name).getTtl();
        } catch (JetStreamApiException missing) {
            try {
                return connection.keyValueManagement().create(KeyValueConfiguration.builder().name(name)
                        .maxHistoryPerKey(1).ttl(config.lease()).storageType(StorageType.File)
                        .replicas(config.replicas()).build()).getTtl();
            } catch (JetStreamApiException raced) {
                return connection.keyValueManagement().getStatus(name).getTtl();
            }
        }
    }

    private static String holder(KeyValue bucket) {
        try {
            KeyValueEntry entry = bucket.get(KEY);
            return entry == null ? "nobody (just released)" : "\"" + entry.getValueAsString() + "\"";
        } catch (IOException | JetStreamApiException e) {
            return "another server";
        }
    }

    /** The epoch of this holder: higher than that of every earlier holder. */
    long epoch() {
        return epoch;
    }

    String owner() {
        return owner;
    }

    /** Whether the lease is certainly still held: renewed recently enough and not taken over. */
    synchronized boolean isValid() {
        return !lost && clock.getAsLong() - validUntil < 0;
    }

    /**
     * @throws StoreException {@code IO} when the lease may have passed to another server
     */
    void requireValid() {
        if (!isValid()) {
            throw new StoreException(StoreException.Reason.IO, "lost the lease of the store (epoch " + epoch
                    + "): another server may have taken over", "store lease lost", null);
        }
    }

    /**
     * Renews the lease now.
     *
     * @return whether it was renewed (false when it was taken over or could not be reached)
     */
    boolean renew() {
        synchronized (writeLock) {
            return renewLocked();
        }
    }

    private boolean renewLocked() {
        long revisionNow;
        synchronized (this) {
            if (lost) {
                return false;
            }
            revisionNow = revision;
        }
        long sentAt = clock.getAsLong();
        try {
            long next = bucket.update(KEY, owner.getBytes(StandardCharsets.UTF_8), revisionNow);
            synchronized (this) {
                revision = next;
                validUntil = sentAt + validity(ttl);
            }
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                markLost("the lease was taken over");
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private void renewQuietly() {
        if (!renew() && !isValid()) {
            markLost("the lease could not be renewed in time");
        }
    }

    private void markLost(String why) {
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
        }
        LOG.log(Level.ERROR, "lost the lease (epoch {0}): {1}", epoch, why);
        renewer.shutdown();
    }

    /** Gives the lease up, so that a standby can take over at once. */
    @Override
    public void close() {
        renewer.shutdownNow();
        synchronized (writeLock) {
            release();
        }
    }

    private void release() {
        long revisionNow;
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
            revisionNow = revision;
        }
        try {
            bucket.delete(KEY, revisionNow);
        } catch (IOException | JetStreamApiException e) {
            LOG.log(Level.WARNING, "could not release the lease (epoch {0}): {1}; it expires in {2}", epoch,
                    e.getMessage(), ttl);
        }
    }
}
