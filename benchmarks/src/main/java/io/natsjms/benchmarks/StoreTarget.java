package io.natsjms.benchmarks;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * Appends to one channel of a store opened through {@link StoreProvider#named(String)} with
 * {@link StoreLimits#unlimited()}; a sync is {@link Store#commit()}.
 */
final class StoreTarget implements AppendTarget {

    /** The channel every benchmark appends to. */
    static final String CHANNEL = "bench.append";

    private final Store store;
    private final MessageStore messages;
    private final MsgProto[] templates;
    private int next;

    /**
     * @param storeName the provider name ({@code memory}, {@code mapdb})
     * @param directory the store's data directory (a store that does not persist ignores it)
     * @param options   provider options, for example {@code fsync=always} for {@code mapdb}
     */
    StoreTarget(String storeName, Path directory, Map<String, String> options) {
        StoreConfig config = new StoreConfig(directory, StoreLimits.unlimited(), options);
        store = StoreProvider.named(storeName).open(config);
        messages = store.createChannel(CHANNEL).messages();
        byte[][] payloads = Payloads.random();
        templates = new MsgProto[payloads.length];
        for (int i = 0; i < payloads.length; i++) {
            templates[i] = MsgProto.newBuilder()
                    .setSubject(CHANNEL)
                    .setData(ByteString.copyFrom(payloads[i]))
                    .build();
        }
    }

    @Override
    public void append() {
        messages.append(templates[next]);
        next = (next + 1) % templates.length;
    }

    @Override
    public void sync() {
        store.commit();
    }

    /** The sequence of the last message appended, to check that the appends happened. */
    long lastSequence() {
        return messages.lastSequence();
    }

    @Override
    public void close() {
        store.close();
    }
}
