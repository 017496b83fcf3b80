package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract of {@link Store}: identity, server info and clients, channel creation and deletion. */
public abstract class StoreContractTest extends StoreContractSupport {

    static final ServerInfo SERVER_INFO = ServerInfo.newBuilder()
            .setClusterID("test-cluster")
            .setDiscovery("_STAN.discover.test-cluster")
            .setPublish("_STAN.pub.abc")
            .setSubscribe("_STAN.sub.abc")
            .setUnsubscribe("_STAN.unsub.abc")
            .setClose("_STAN.close.abc")
            .setSubClose("_STAN.subclose.abc")
            .setAcksSubs("_STAN.subacks.abc")
            .setNodeID("node-a")
            .build();

    static ClientInfo client(String id) {
        return ClientInfo.newBuilder().setID(id).setHbInbox("_INBOX.hb." + id).setProtocol(1)
                .setPingInterval(5).setPingMaxOut(3).build();
    }

    @Test
    void hasALowerCaseNameAndTheLimitsItWasOpenedWith() {
        StoreLimits limits = StoreLimits.defaults().withMaxChannels(7);
        Store store = open(limits);

        assertThat(store.name()).isNotBlank().isEqualTo(store.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(store.limits()).isEqualTo(limits);
    }

    @Test
    void newStoreRecoversNothing() {
        assertThat(open().recover()).isEmpty();
    }

    @Test
    void acceptsServerInfoAndClients() {
        Store store = open();
        store.recover();

        assertThatCode(() -> {
            store.initServerInfo(SERVER_INFO);
            store.initServerInfo(SERVER_INFO.toBuilder().setNodeID("node-b").build());
            store.addClient(client("alice"));
            store.addClient(client("alice"));
            store.deleteClient("alice");
            store.deleteClient("never-added");
            store.commit();
        }).doesNotThrowAnyException();
    }

    @Test
    void volatileStoreKeepsNothingAfterClose() {
        assumeFalse(capabilities().persistent(), "the store is persistent");
        Store first = open();
        first.initServerInfo(SERVER_INFO);
        first.addClient(client("alice"));
        first.createChannel("orders").messages().append(message("one"));
        first.commit();
        first.close();

        Store second = open();
        assertThat(second.recover()).isEmpty();
        assertThat(second.lookupChannel("orders")).isEmpty();
    }

    @Test
    void createdChannelIsEmptyAndFoundByLookup() {
        Store store = open();

        ChannelStore created = store.createChannel("orders.eu");

        assertThat(created.name()).isEqualTo("orders.eu");
        assertThat(created.messages().firstSequence()).isZero();
        assertThat(created.messages().lastSequence()).isZero();
        assertThat(created.subscriptions().all()).isEmpty();
        ChannelStore found = store.lookupChannel("orders.eu").orElseThrow();
        created.messages().append(message("one"));
        assertThat(found.name()).isEqualTo("orders.eu");
        assertThat(found.messages().lastSequence()).isEqualTo(1);
    }

    @Test
    void lookupOfUnknownOrDifferentlyCasedChannelIsEmpty() {
        Store store = open();
        store.createChannel("orders");

        assertThat(store.lookupChannel("payments")).isEmpty();
        assertThat(store.lookupChannel("ORDERS")).isEmpty();
        assertThat(store.lookupChannel("orders.eu")).isEmpty();
    }

    @Test
    void creatingAnExistingChannelFailsWithAlreadyExists() {
        Store store = open();
        store.createChannel("orders").messages().append(message("kept"));

        assertThatThrownBy(() -> store.createChannel("orders"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
                .hasMessageContaining("orders");
        assertThat(store.lookupChannel("orders").orElseThrow().messages().lastSequence()).isEqualTo(1);
    }

    @Test
    void creatingMoreThanMaxChannelsFailsUntilOneIsDeleted() {
        Store store = open(StoreLimits.unlimited().withMaxChannels(2));
        store.createChannel("a");
        store.createChannel("b");

        assertThatThrownBy(() -> store.createChannel("c"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_CHANNELS))
                .hasMessageContaining("\"c\"")
                .hasMessageContaining("2");
        assertThat(store.lookupChannel("c")).isEmpty();

        assertThat(store.deleteChannel("a")).isTrue();
        assertThat(store.createChannel("c").name()).isEqualTo("c");
    }

    @Test
    void zeroMaxChannelsMeansUnlimited() {
        Store store = open(StoreLimits.unlimited());
        for (int i = 0; i < 150; i++) {
            store.createChannel("channel." + i);
        }
        assertThat(store.lookupChannel("channel.149")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".orders", "orders.", "orders..eu", "orders/eu", "orders.*", "orders.>", "*", ">", "ord*ers"})
    void invalidChannelNameIsRejected(String name) {
        Store store = open();

        assertThatThrownBy(() -> store.createChannel(name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.lookupChannel(name)).isEmpty();
    }

    @Test
    void deletedChannelIsGoneAndCanBeCreatedAfresh() {
        Store store = open();
        ChannelStore channel = store.createChannel("orders");
        channel.messages().append(message("one"));
        channel.subscriptions().create(subscription("alice"));

        assertThat(store.deleteChannel("orders")).isTrue();
        assertThat(store.deleteChannel("orders")).isFalse();
        assertThat(store.deleteChannel("never-created")).isFalse();
        assertThat(store.lookupChannel("orders")).isEmpty();

        ChannelStore again = store.createChannel("orders");
        assertThat(again.messages().lastSequence()).isZero();
        assertThat(again.subscriptions().all()).isEmpty();
        assertThat(again.messages().append(message("first again")).getSequence()).isEqualTo(1);
    }

    @Test
    void channelLimitsResolveOverridesFromTheWidestToTheLiteral() {
        ChannelLimits defaults = new ChannelLimits(100, 10_000, Duration.ofHours(1), 50, Duration.ZERO);
        StoreLimits limits = StoreLimits.unlimited().withChannelDefaults(defaults).withOverrides(Map.of(
                "orders.>", ChannelLimits.inherit().withMaxMsgs(10).withMaxBytes(-1),
                "orders.*", ChannelLimits.inherit().withMaxMsgs(5).withMaxAge(Duration.ofMinutes(1)),
                "orders.eu", ChannelLimits.inherit().withMaxSubscriptions(3)));
        Store store = open(limits);

        assertThat(store.createChannel("orders.eu").limits())
                .isEqualTo(new ChannelLimits(5, 0, Duration.ofMinutes(1), 3, Duration.ZERO));
        assertThat(store.createChannel("orders.us").limits())
                .isEqualTo(new ChannelLimits(5, 0, Duration.ofMinutes(1), 50, Duration.ZERO));
        assertThat(store.createChannel("orders.us.east").limits())
                .isEqualTo(new ChannelLimits(10, 0, Duration.ofHours(1), 50, Duration.ZERO));
        assertThat(store.createChannel("payments").limits()).isEqualTo(defaults);
        assertThat(store.lookupChannel("orders.eu").orElseThrow().limits()).isEqualTo(limits.forChannel("orders.eu"));
    }

    @Test
    void overriddenLimitsAreEnforced() {
        StoreLimits limits = StoreLimits.unlimited().withOverrides(Map.of(
                "orders", ChannelLimits.inherit().withMaxMsgs(2).withMaxSubscriptions(1)));
        Store store = open(limits);
        ChannelStore orders = store.createChannel("orders");
        ChannelStore other = store.createChannel("other");

        for (int i = 0; i < 5; i++) {
            orders.messages().append(message("m" + i));
            other.messages().append(message("m" + i));
        }
        orders.subscriptions().create(subscription("alice"));

        assertThat(orders.messages().stats().count()).isEqualTo(2);
        assertThat(other.messages().stats().count()).isEqualTo(5);
        assertThatThrownBy(() -> orders.subscriptions().create(subscription("bob")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_SUBSCRIPTIONS));
        assertThat(other.subscriptions().create(subscription("bob")).getID()).isPositive();
    }

    @Test
    void concurrentCreationNeverExceedsMaxChannels() throws Exception {
        Store store = open(StoreLimits.unlimited().withMaxChannels(10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "channel." + i;
                Callable<Boolean> create = () -> {
                    try {
                        store.createChannel(name);
                        return true;
                    } catch (StoreException e) {
                        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_CHANNELS);
                        return false;
                    }
                };
                results.add(pool.submit(create));
            }
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(created).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTwiceDoesNothingAndAClosedStoreRefusesWork() {
        Store store = open();
        ChannelStore channel = store.createChannel("orders");
        store.close();

        assertThatCode(store::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> store.createChannel("payments"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
        assertThatThrownBy(() -> channel.messages().append(message("late")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
        assertThatThrownBy(() -> channel.subscriptions().create(subscription("late")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    }
}
