package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.store.StoreConfig;
import java.nio.file.Path;
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
}
