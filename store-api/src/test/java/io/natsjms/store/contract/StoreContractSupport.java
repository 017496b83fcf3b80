package io.natsjms.store.contract;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plumbing shared by all contract classes: a fresh directory and factory per test, stores that
 * are closed after each test, and builders for test messages and subscriptions. A store plugs in by
 * implementing {@link #createFactory(Path)} (see the package documentation).
 */
public abstract class StoreContractSupport {

    /** The directory of this test's store; persistent stores keep their files here. */
    @TempDir
    protected Path directory;

    private StoreFactory factory;
    private final List<Store> opened = new ArrayList<>();

    /**
     * The factory of the store under test, over {@code directory} (empty and owned by the test).
     * Called once before each test.
     */
    protected abstract StoreFactory createFactory(Path directory);

    @BeforeEach
    protected final void createStoreFactory() {
        factory = createFactory(directory);
    }

    @AfterEach
    protected final void closeOpenedStores() {
        for (Store store : opened) {
            store.close();
        }
        opened.clear();
    }

    protected final StoreCapabilities capabilities() {
        return factory.capabilities();
    }

    /** Opens the store; it is closed after the test (closing twice does nothing). */
    protected final Store open(StoreLimits limits) {
        Store store = factory.open(limits);
        opened.add(store);
        return store;
    }

    /** Whether {@link #crash} works for the store under test. */
    protected final boolean canCrash() {
        return factory.canCrash();
    }

    /** Stops {@code store} as a killed process would (see {@link StoreFactory#crash}). */
    protected final void crash(Store store) {
        factory.crash(store);
    }

    /** The store opened last by this test. */
    protected final Store openedLast() {
        if (opened.isEmpty()) {
            throw new IllegalStateException("no store opened yet in this test");
        }
        return opened.get(opened.size() - 1);
    }

    /** Opens the store without limits. */
    protected final Store open() {
        return open(StoreLimits.unlimited());
    }

    /** Opens a store with {@code limits} and creates the channel {@code name} in it. */
    protected final ChannelStore openChannel(StoreLimits limits, String name) {
        return open(limits).createChannel(name);
    }

    /** A message on subject "orders" with {@code data}, without timestamp (the store sets it). */
    protected static MsgProto message(String data) {
        return message(0, data);
    }

    /** A message on subject "orders" with the given timestamp and {@code data}. */
    protected static MsgProto message(long timestampNanos, String data) {
        return MsgProto.newBuilder()
                .setSubject("orders")
                .setReply("reply.to")
                .setData(ByteString.copyFromUtf8(data))
                .setTimestamp(timestampNanos)
                .build();
    }

    /** A message whose payload is {@code size} bytes. */
    protected static MsgProto messageOfSize(long timestampNanos, int size) {
        return message(timestampNanos, "x".repeat(size));
    }

    /** A plain subscription of {@code clientId} (its ID is left 0 for the store to assign). */
    protected static SubState subscription(String clientId) {
        return SubState.newBuilder()
                .setClientID(clientId)
                .setInbox("_INBOX." + clientId)
                .setAckInbox("_STAN.ack." + clientId)
                .setMaxInFlight(1024)
                .setAckWaitInSecs(30)
                .build();
    }

    /** A durable subscription named {@code durableName} of {@code clientId}. */
    protected static SubState durable(String clientId, String durableName) {
        return subscription(clientId).toBuilder().setDurableName(durableName).setIsDurable(true).build();
    }
}
