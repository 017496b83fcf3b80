package io.natsjms.server.broker;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact protocol bytes, checked side by side: each case sends raw input and expects the same output
 * (and the same decision to close the connection) from the embedded broker and from nats-server.
 * Cases that stay open end with PING so that PONG marks the end of the output.
 */
class ProtocolConformanceIT {
    private static final String QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";
    private static final String VERBOSE = "CONNECT {\"verbose\":true,\"pedantic\":false,\"headers\":true}\r\n";
    private static final String UNKNOWN = "-ERR 'Unknown Protocol Operation'\r\n";

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    record Case(String name, String input, String expected, boolean closes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        open(cases, "ping before connect", "PING\r\n", "PONG\r\n");
        open(cases, "operations are case-insensitive", "ping\r\n", "PONG\r\n");
        open(cases, "anything after PING is ignored", "PINGX\r\nPING x\r\n", "PONG\r\nPONG\r\n");
        open(cases, "pong is accepted", "PONG\r\nPING\r\n", "PONG\r\n");
        open(cases, "connect defaults to verbose", "CONNECT {}\r\nPING\r\n", "+OK\r\nPONG\r\n");
        open(cases, "+OK and INFO from a client are ignored", "+OK\r\nINFO {}\r\nPING\r\n", "PONG\r\n");
        open(cases, "verbose acknowledges pub sub unsub", VERBOSE + "PUB foo 2\r\nhi\r\nSUB foo 1\r\nUNSUB 1\r\nPING\r\n",
                "+OK\r\n+OK\r\n+OK\r\n+OK\r\nPONG\r\n");
        open(cases, "pub sub", QUIET + "SUB foo 1\r\nPUB foo 5\r\nhello\r\nPING\r\n", "MSG foo 1 5\r\nhello\r\nPONG\r\n");
        open(cases, "pub with reply", QUIET + "SUB foo 1\r\nPUB foo bar 2\r\nhi\r\nPING\r\n",
                "MSG foo 1 bar 2\r\nhi\r\nPONG\r\n");
        open(cases, "empty payload", QUIET + "SUB foo 1\r\nPUB foo 0\r\n\r\nPING\r\n", "MSG foo 1 0\r\n\r\nPONG\r\n");
        open(cases, "payload may contain CRLF", QUIET + "SUB foo 1\r\nPUB foo 4\r\n\r\n\r\n\r\nPING\r\n",
                "MSG foo 1 4\r\n\r\n\r\n\r\nPONG\r\n");
        open(cases, "tabs, extra spaces, lowercase",
                QUIET + "sub\tbar\t2\r\nSUB  foo   1\r\npub  foo   1\r\nx\r\npub bar 1\r\ny\r\nPING\r\n",
                "MSG foo 1 1\r\nx\r\nMSG bar 2 1\r\ny\r\nPONG\r\n");
        open(cases, "bare line feeds end control lines", QUIET + "SUB foo 1\nPUB foo 1\nx\r\nPING\n",
                "MSG foo 1 1\r\nx\r\nPONG\r\n");
        open(cases, "star wildcard", QUIET + "SUB foo.* 1\r\nPUB foo.bar 1\r\na\r\nPUB foo.bar.baz 1\r\nb\r\nPING\r\n",
                "MSG foo.bar 1 1\r\na\r\nPONG\r\n");
        open(cases, "full wildcard", QUIET + "SUB foo.> 1\r\nPUB foo 1\r\na\r\nPUB foo.bar.baz 1\r\nb\r\nPING\r\n",
                "MSG foo.bar.baz 1 1\r\nb\r\nPONG\r\n");
        open(cases, "wildcard chars inside a token are literal",
                QUIET + "SUB f*o 1\r\nSUB foo>bar 2\r\nPUB fxo 1\r\na\r\nPUB f*o 1\r\nb\r\nPUB foo>bar 1\r\nc\r\nPING\r\n",
                "MSG f*o 1 1\r\nb\r\nMSG foo>bar 2 1\r\nc\r\nPONG\r\n");
        open(cases, "invalid subscription subjects", VERBOSE
                        + "SUB foo..bar 1\r\nSUB foo.>.bar 2\r\nSUB .foo 3\r\nSUB foo. 4\r\nSUB > 5\r\nSUB foo.> a.b 6\r\nPING\r\n",
                "+OK\r\n" + "-ERR 'Invalid Subject'\r\n".repeat(4) + "+OK\r\n+OK\r\nPONG\r\n");
        open(cases, "publish subject with wildcard tokens is literal, not pedantic",
                QUIET + "SUB foo.* 1\r\nSUB foo.bar 2\r\nPUB foo.* 1\r\na\r\nPUB foo..bar 1\r\nb\r\nPING\r\n",
                "MSG foo.* 1 1\r\na\r\nPONG\r\n");
        open(cases, "pedantic reports an invalid publish subject and still routes it",
                "CONNECT {\"verbose\":true,\"pedantic\":true}\r\nSUB foo.* 1\r\nPUB foo.* 0\r\n\r\nPING\r\n",
                "+OK\r\n+OK\r\n-ERR 'Invalid Publish Subject'\r\n+OK\r\nMSG foo.* 1 0\r\n\r\nPONG\r\n");
        open(cases, "duplicate sid is ignored", VERBOSE + "SUB foo 1\r\nSUB foo 1\r\nPUB foo 1\r\nx\r\nPING\r\n",
                "+OK\r\n+OK\r\n+OK\r\n+OK\r\nMSG foo 1 1\r\nx\r\nPONG\r\n");
        open(cases, "unsub with max", VERBOSE
                        + "SUB foo 1\r\nUNSUB 1 2\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\nPING\r\n",
                "+OK\r\n+OK\r\n+OK\r\n+OK\r\nMSG foo 1 1\r\na\r\n+OK\r\nMSG foo 1 1\r\nb\r\n+OK\r\nPONG\r\n");
        open(cases, "unsub of unknown sid and non-numeric max", VERBOSE + "UNSUB 99\r\nUNSUB 1 x\r\nPING\r\n",
                "+OK\r\n+OK\r\n+OK\r\nPONG\r\n");
        open(cases, "no echo", "CONNECT {\"verbose\":false,\"pedantic\":false,\"echo\":false}\r\n"
                + "SUB foo 1\r\nPUB foo 1\r\na\r\nPING\r\n", "PONG\r\n");
        open(cases, "hpub to hmsg", QUIET + "SUB foo 1\r\nHPUB foo r 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n",
                "HMSG foo 1 r 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPONG\r\n");
        open(cases, "no responders status", "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
                        + "\"no_responders\":true}\r\nSUB _INBOX.x 1\r\nSUB _INBOX.* 2\r\nPUB nobody _INBOX.x 1\r\na\r\nPING\r\n",
                "HMSG _INBOX.x 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\nPONG\r\n");
        open(cases, "no responders needs a reply subscription", "CONNECT {\"verbose\":false,\"pedantic\":false,"
                + "\"headers\":true,\"no_responders\":true}\r\nPUB nobody _INBOX.x 1\r\na\r\nPING\r\n", "PONG\r\n");
        open(cases, "verbose before CONNECT, max control line not reached", "SUB " + "a".repeat(4000) + " 1\r\nPING\r\n",
                "+OK\r\nPONG\r\n");

        closed(cases, "unknown operation", "FOO\r\n", UNKNOWN);
        closed(cases, "unknown operation on its first byte", "F", UNKNOWN);
        closed(cases, "operation name too long", "PUBX foo 1\r\n", UNKNOWN);
        closed(cases, "MSG from a client", "MSG foo 1 2\r\nhi\r\n", UNKNOWN);
        closed(cases, "PUB without arguments", "PUB\r\n", UNKNOWN);
        closed(cases, "UNSUB without arguments", "UNSUB\r\n", UNKNOWN);
        closed(cases, "payload longer than announced", VERBOSE + "PUB foo 2\r\nhello\r\n", "+OK\r\n" + UNKNOWN);
        closed(cases, "payload not followed by CRLF", QUIET + "PUB foo 1\r\nx\n", UNKNOWN);
        closed(cases, "PUB with a non-numeric size", VERBOSE + "PUB foo bar\r\nhi\r\n", "+OK\r\n");
        closed(cases, "PUB with too many arguments", VERBOSE + "PUB foo a b c\r\n", "+OK\r\n");
        closed(cases, "PUB with a negative size", VERBOSE + "PUB foo -1\r\n", "+OK\r\n");
        closed(cases, "SUB without sid", VERBOSE + "SUB foo\r\n", "+OK\r\n");
        closed(cases, "SUB with too many arguments", VERBOSE + "SUB foo q g 1\r\n", "+OK\r\n");
        closed(cases, "HPUB without headers in CONNECT", "CONNECT {\"verbose\":true}\r\nHPUB foo 12 14\r\n", "+OK\r\n");
        closed(cases, "HPUB with header size above total", VERBOSE + "HPUB foo 3 2\r\n", "+OK\r\n");
        closed(cases, "CONNECT with bad JSON", "CONNECT {bad json\r\n", "");
        closed(cases, "CONNECT without JSON", "CONNECT\r\n", "");
        closed(cases, "no responders without headers", "CONNECT {\"no_responders\":true}\r\nPING\r\n",
                "-ERR 'no responders requires headers support'\r\n");
        closed(cases, "-ERR from a client", "-ERR 'x'\r\nPING\r\n", "");
        closed(cases, "maximum payload", VERBOSE + "PUB foo 2000000\r\n", "+OK\r\n-ERR 'Maximum Payload Violation'\r\n");
        closed(cases, "maximum payload with headers", VERBOSE + "HPUB foo 12 2000000\r\n",
                "+OK\r\n-ERR 'Maximum Payload Violation'\r\n");
        closed(cases, "maximum control line", "SUB " + "a".repeat(5000) + " 1\r\n",
                "-ERR 'maximum control line exceeded'\r\n");
        closed(cases, "maximum control line without line end", "PUB " + "a".repeat(5000),
                "-ERR 'maximum control line exceeded'\r\n");
        return cases;
    }

    private static void open(List<Case> cases, String name, String input, String expected) {
        cases.add(new Case(name, input, expected, false));
    }

    private static void closed(List<Case> cases, String name, String input, String expected) {
        cases.add(new Case(name, input, expected, true));
    }

    static Stream<Arguments> casesOnBothBrokers() {
        return Stream.of(BrokerKind.values()).flatMap(kind -> cases().stream().map(c -> Arguments.of(kind, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("casesOnBothBrokers")
    void sameBytesAsNatsServer(BrokerKind kind, Case c) {
        RunningBroker broker = brokers.start(kind);
        try (RawClient client = RawClient.connect(broker.port())) {
            client.send(c.input());
            String output = c.closes() ? client.readUntilClosed() : client.readUntilEndsWith("PONG\r\n");
            assertThat(output).as(c.name()).isEqualTo(c.expected());
        }
    }

    @BothBrokers
    void subscriberWithoutHeaderSupportGetsThePayloadOnly(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind);
        try (RawClient plain = RawClient.connect(broker.port()); RawClient publisher = RawClient.connect(broker.port())) {
            plain.send("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB h 1\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            publisher.send(QUIET + "HPUB h 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n").readUntilEndsWith("PONG\r\n");

            assertThat(plain.send("PING\r\n").readUntilEndsWith("PONG\r\nMSG h 1 2\r\nhi\r\nPONG\r\n")).isNotEmpty();
        }
    }
}
