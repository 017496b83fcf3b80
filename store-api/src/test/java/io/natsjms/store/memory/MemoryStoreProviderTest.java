package io.natsjms.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import org.junit.jupiter.api.Test;

class MemoryStoreProviderTest {

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        assertThat(StoreProvider.named("memory")).isInstanceOf(MemoryStoreProvider.class);
        assertThat(StoreProvider.named("MEMORY").name()).isEqualTo("memory");
    }

    @Test
    void unknownNameListsTheAvailableStores() {
        assertThatThrownBy(() -> StoreProvider.named("cassandra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"cassandra\"")
                .hasMessageContaining("memory");
    }

    @Test
    void opensAMemoryStoreWithTheConfiguredLimits() {
        StoreLimits limits = StoreLimits.defaults().withMaxChannels(3);
        try (Store store = new MemoryStoreProvider().open(StoreConfig.inMemory(limits))) {
            assertThat(store.name()).isEqualTo("memory");
            assertThat(store.limits()).isEqualTo(limits);
        }
    }
}
