package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreOpeningTest {

    private static ServerConfig.Builder jetStream() {
        return ServerConfig.builder().clusterId("prod").storeType(StoreType.JETSTREAM);
    }

    @Test
    void aJetStreamStoreGoesToTheNatsServerAndIsNamedAfterTheClusterUnlessToldOtherwise() {
        StoreConfig config = StoreOpening.storeConfig(jetStream().natsUrl("nats://a:4222,nats://b:4222").build());

        assertThat(config.options()).containsEntry(StoreOpening.JS_URLS, "nats://a:4222,nats://b:4222")
                .containsEntry(StoreOpening.JS_PREFIX, "prod").doesNotContainKey(StoreOpening.JS_WAIT_FOR_LEASE);
        assertThat(StoreOpening.storeConfig(jetStream().natsUrl("nats://a:4222").storeOptions(Map.of(
                StoreOpening.JS_URLS, "nats://js:4222", StoreOpening.JS_PREFIX, "orders")).build()).options())
                .containsEntry(StoreOpening.JS_URLS, "nats://js:4222").containsEntry(StoreOpening.JS_PREFIX, "orders");
    }

    @Test
    void aJetStreamStoreWithoutAnyUrlIsRefusedNamingTheFlags() {
        assertThatThrownBy(() -> StoreOpening.storeConfig(jetStream().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("js_urls")
                .hasMessageContaining("--js_urls or -ns");
    }

    @Test
    void aGroupMemberWaitsForTheLeaseAndTheGroupIsNotPassedToTheStore() {
        StoreConfig config = StoreOpening.storeConfig(jetStream().natsUrl("nats://a:4222")
                .storeOptions(Map.of(StoreOpening.FT_GROUP, "g")).build());

        assertThat(config.options()).containsEntry(StoreOpening.JS_WAIT_FOR_LEASE, "true")
                .doesNotContainKey(StoreOpening.FT_GROUP);
        assertThat(StoreOpening.storeConfig(ServerConfig.builder().natsUrl("nats://a:4222").storeType(StoreType.MAPDB)
                .dataDir(Path.of("/shared")).storeOptions(Map.of(StoreOpening.FT_GROUP, "g")).build()).options())
                .isEmpty();
    }

    @Test
    void aGroupNeedsASharedStoreAndAnExternalNatsServer() {
        assertThatThrownBy(() -> StoreOpening.storeConfig(ServerConfig.builder().natsUrl("nats://a:4222")
                .storeOptions(Map.of(StoreOpening.FT_GROUP, "g")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ft_group: \"g\"")
                .hasMessageContaining("MAPDB");
        assertThatThrownBy(() -> StoreOpening.storeConfig(ServerConfig.builder().storeType(StoreType.MAPDB)
                .dataDir(Path.of("/shared")).storeOptions(Map.of(StoreOpening.FT_GROUP, "g")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-ns");
    }

    @Test
    void aStandbyRidesOutALockedAndAnUnavailableStoreUntilItOpens() {
        Store opened = new MemoryStore(StoreLimits.unlimited());
        Deque<StoreException> failures = new ArrayDeque<>(List.of(
                new StoreException(StoreException.Reason.LOCKED, "held by another member"),
                new StoreException(StoreException.Reason.UNAVAILABLE, "503 No Responders while electing"),
                new StoreException(StoreException.Reason.UNAVAILABLE, "503 No Responders while electing"),
                new StoreException(StoreException.Reason.LOCKED, "held by another member")));
        AtomicInteger attempts = new AtomicInteger();

        Store store = StoreOpening.standBy("g", () -> {
            attempts.incrementAndGet();
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
            return opened;
        }, 1, 1);

        assertThat(store).isSameAs(opened);
        assertThat(attempts).hasValue(5);
    }

    @Test
    void aStandbyStopsAtAFailureThatWillNotPass() {
        for (StoreException.Reason reason : List.of(StoreException.Reason.IO, StoreException.Reason.CORRUPT)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> StoreOpening.standBy("g", () -> {
                attempts.incrementAndGet();
                throw new StoreException(reason, "damaged: state entry 7");
            }, 1, 1)).isInstanceOf(StoreException.class).hasMessage("damaged: state entry 7");
            assertThat(attempts).as("attempts after %s", reason).hasValue(1);
        }
    }
}
