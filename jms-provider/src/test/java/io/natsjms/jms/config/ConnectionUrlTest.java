package io.natsjms.jms.config;

import static io.natsjms.jms.config.FactoryProperty.ACK_WAIT;
import static io.natsjms.jms.config.FactoryProperty.CLIENT_ID;
import static io.natsjms.jms.config.FactoryProperty.CLUSTER_ID;
import static io.natsjms.jms.config.FactoryProperty.CONNECT_TIMEOUT;
import static io.natsjms.jms.config.FactoryProperty.MAX_IN_FLIGHT;
import static io.natsjms.jms.config.FactoryProperty.NON_ENVELOPE_AS_TEXT;
import static io.natsjms.jms.config.FactoryProperty.OBJECT_CLASS_ALLOW_LIST;
import static io.natsjms.jms.config.FactoryProperty.PASSWORD;
import static io.natsjms.jms.config.FactoryProperty.PING_INTERVAL;
import static io.natsjms.jms.config.FactoryProperty.PING_MAX_OUT;
import static io.natsjms.jms.config.FactoryProperty.PUB_ACK_TIMEOUT;
import static io.natsjms.jms.config.FactoryProperty.SEND_RAW_BODIES;
import static io.natsjms.jms.config.FactoryProperty.SERVER_URLS;
import static io.natsjms.jms.config.FactoryProperty.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionUrlTest {

    @Test
    void aPlainUrlGivesOnlyItsServer() {
        assertThat(ConnectionUrl.parse("nats://localhost:4222"))
                .containsExactly(entry(SERVER_URLS, List.of("nats://localhost:4222")));
    }

    @Test
    void everyParameterIsRead() {
        Map<FactoryProperty, Object> values = ConnectionUrl.parse("nats://h:4222?clusterId=prod&clientId=orders"
                + "&user=u&password=p&connectTimeout=2500&pubAckTimeout=PT1M&maxInFlight=50&ackWait=60"
                + "&sendRawBodies=true&nonEnvelopeAsText=TRUE&objectClassAllowList=a.b,c.D&pingInterval=PT2S"
                + "&pingMaxOut=5");

        assertThat(values).containsOnly(
                entry(SERVER_URLS, List.of("nats://h:4222")),
                entry(CLUSTER_ID, "prod"),
                entry(CLIENT_ID, "orders"),
                entry(USER, "u"),
                entry(PASSWORD, "p"),
                entry(CONNECT_TIMEOUT, Duration.ofMillis(2500)),
                entry(PUB_ACK_TIMEOUT, Duration.ofMinutes(1)),
                entry(MAX_IN_FLIGHT, 50),
                entry(ACK_WAIT, Duration.ofSeconds(60)),
                entry(SEND_RAW_BODIES, true),
                entry(NON_ENVELOPE_AS_TEXT, true),
                entry(OBJECT_CLASS_ALLOW_LIST, List.of("a.b", "c.D")),
                entry(PING_INTERVAL, Duration.ofSeconds(2)),
                entry(PING_MAX_OUT, 5));
    }

    @Test
    void severalHostsShareTheFirstScheme() {
        assertThat(ConnectionUrl.parse("nats://h1:4222,h2:4223,tls://h3:4443,h4,[::1]:4222").get(SERVER_URLS))
                .isEqualTo(List.of("nats://h1:4222", "nats://h2:4223", "tls://h3:4443", "tls://h4", "tls://[::1]:4222"));
    }

    @Test
    void aUrlWithoutSchemeIsNats() {
        assertThat(ConnectionUrl.parse("h1:4222, h2:4222/").get(SERVER_URLS))
                .isEqualTo(List.of("nats://h1:4222", "nats://h2:4222"));
    }

    @Test
    void userInfoBecomesUserAndPasswordAndLeavesTheServerUrls() {
        Map<FactoryProperty, Object> values = ConnectionUrl.parse("nats://al%40ice:p%3Ass+w%C3%B6rd@h1:4222,h2:4222");

        assertThat(values).containsOnly(
                entry(SERVER_URLS, List.of("nats://h1:4222", "nats://h2:4222")),
                entry(USER, "al@ice"),
                entry(PASSWORD, "p:ss+wörd"));
    }

    @Test
    void userInfoWithoutPasswordSetsTheUserOnly() {
        assertThat(ConnectionUrl.parse("nats://bob@h:4222")).doesNotContainKey(PASSWORD).containsEntry(USER, "bob");
    }

    @Test
    void theSameUserInfoMayBeRepeated() {
        assertThat(ConnectionUrl.parse("nats://u:p@h1,nats://u:p@h2")).containsEntry(USER, "u").containsEntry(PASSWORD, "p");
    }

    @Test
    void emptyParametersAndValuesAreSkipped() {
        assertThat(ConnectionUrl.parse("nats://h?&clientId=&clusterId=c&")).containsOnlyKeys(SERVER_URLS, CLUSTER_ID);
    }

    @Test
    void parameterValuesArePercentDecoded() {
        assertThat(ConnectionUrl.parse("nats://h?password=a%26b%3Dc+d&user=me")).containsEntry(PASSWORD, "a&b=c+d");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                       | url: no server (expected: nats://host[:port][,host[:port]...][?name=value&...])",
            "nats://?clusterId=c                      | url: no server (expected: nats://host[:port][,host[:port]...][?name=value&...])",
            "http://h:80                              | url: \"http://h:80\" (expected: nats://host[:port] or tls://host[:port])",
            "nats://h1,                               | url: \"nats://\" (expected: nats://host[:port] or tls://host[:port])",
            "nats://h/path                            | url: \"nats://h/path\" (expected: nats://host[:port] or tls://host[:port])",
            "nats://h:0                               | url: port \"0\" in \"nats://h:0\" (expected: 1 to 65535)",
            "nats://h:65536                           | url: port \"65536\" in \"nats://h:65536\" (expected: 1 to 65535)",
            "nats://h:x                               | url: port \"x\" in \"nats://h:x\" (expected: 1 to 65535)",
            "nats://[::1                              | url: \"nats://[::1\" (expected: nats://host[:port] or tls://host[:port])",
            "nats://u:secret@h1,nats://v:secret@h2    | url: user info differs between servers (expected: the same on every server, or on the first only)",
            "nats://:secret@h                         | url: empty user in the user info of \"nats://h\" (expected: user[:password]@host)",
            "nats://u:%zz@h                           | url user info: bad percent escape at index 0 (expected: % and two hex digits)",
            "nats://u:p@h?user=v                      | url: credentials both in the user info and in user/password parameters (expected: one of them)",
            "nats://h?clusterId                       | url parameter: \"clusterId\" (expected: name=value)",
            "nats://h?cluster=c                       | url parameter: \"cluster\" (expected: one of clusterId, clientId, user, password, connectTimeout, pubAckTimeout, maxInFlight, ackWait, sendRawBodies, nonEnvelopeAsText, objectClassAllowList, pingInterval, pingMaxOut, clientIdPrefix, trustStore, trustStorePassword, trustStoreType, keyStore, keyStorePassword, keyStoreType)",
            "nats://h?serverUrls=nats://x             | url parameter: \"serverUrls\" (expected: one of clusterId, clientId, user, password, connectTimeout, pubAckTimeout, maxInFlight, ackWait, sendRawBodies, nonEnvelopeAsText, objectClassAllowList, pingInterval, pingMaxOut, clientIdPrefix, trustStore, trustStorePassword, trustStoreType, keyStore, keyStorePassword, keyStoreType)",
            "nats://h?clusterId=a&clusterId=b         | url parameter clusterId: given twice (expected: at most once)",
            "nats://h?clusterId=a.b                   | clusterId: \"a.b\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')",
            "nats://h?connectTimeout=5s               | connectTimeout: \"5s\" (expected: milliseconds or an ISO-8601 duration such as PT5S)",
            "nats://h?connectTimeout=0                | connectTimeout: 0 (expected: > 0)",
            "nats://h?pubAckTimeout=-PT1S             | pubAckTimeout: -PT1S (expected: > 0)",
            "nats://h?pubAckTimeout=PT0.0001S         | pubAckTimeout: PT0.0001S (expected: whole milliseconds)",
            "nats://h?maxInFlight=0                   | maxInFlight: 0 (expected: >= 1)",
            "nats://h?maxInFlight=many                | maxInFlight: \"many\" (expected: an integer >= 1)",
            "nats://h?ackWait=PT1.5S                  | ackWait: PT1.5S (expected: whole seconds, >= 1)",
            "nats://h?ackWait=0                       | ackWait: 0 (expected: whole seconds, >= 1)",
            "nats://h?ackWait=PT30                    | ackWait: \"PT30\" (expected: seconds or an ISO-8601 duration such as PT5S)",
            "nats://h?sendRawBodies=yes               | sendRawBodies: \"yes\" (expected: true or false)",
            "nats://h?nonEnvelopeAsText=1             | nonEnvelopeAsText: \"1\" (expected: true or false)",
            "nats://h?objectClassAllowList=a.,b       | objectClassAllowList: class allow-list entry: \"a.\" (expected: a package or class name such as java.util, or *)",
            "nats://h?pingInterval=1500               | pingInterval: 1500 (expected: whole seconds, or milliseconds below one second)",
            "nats://h?pingMaxOut=1                    | pingMaxOut: 1 (expected: >= 2)",
    })
    void aBadUrlIsRefusedNamingWhatIsWrong(String url, String message) {
        assertThatThrownBy(() -> ConnectionUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void noMessageShowsAPassword() {
        for (String url : List.of("nats://u:secret@h1,nats://u:other@h2", "nats://u:secret@h:0", "ftp://u:secret@h",
                "nats://u:secret@h?user=x")) {
            assertThatThrownBy(() -> ConnectionUrl.parse(url)).message().doesNotContain("secret");
        }
    }

    @Test
    void pingIntervalsBelowOneSecondMayBeAnyMilliseconds() {
        assertThat(ConnectionUrl.parse("nats://h?pingInterval=250").get(PING_INTERVAL)).isEqualTo(Duration.ofMillis(250));
    }
}
