package io.natsjms.server.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser must decode the same operations however the bytes are split: every frame is fed whole,
 * split in two at every offset, and one byte at a time.
 */
class ProtocolParserTest {
    private static final int MAX_PAYLOAD = 1024;
    private static final int MAX_CONTROL_LINE = 128;

    /** Records every callback as a line of text. */
    static class Recorder implements ParserHandler {
        final List<String> events = new ArrayList<>();
        boolean headers = true;
        Op refuse;

        @Override
        public boolean allowOperation(Op op) {
            if (op == refuse) {
                events.add("REFUSED " + op);
                return false;
            }
            return true;
        }

        @Override
        public boolean headersEnabled() {
            return headers;
        }

        @Override
        public void onConnect(String json) {
            events.add("CONNECT " + json);
        }

        @Override
        public void onPublish(Publication pub) {
            String reply = pub.reply == null ? null : new String(pub.reply, StandardCharsets.UTF_8);
            events.add("PUB " + pub.subject.text + " " + reply + " " + pub.headerSize + " ["
                    + new String(pub.data, pub.offset, pub.length, StandardCharsets.UTF_8) + "]");
        }

        @Override
        public void onSubscribe(String subject, String queue, String sid) {
            events.add("SUB " + subject + " " + queue + " " + sid);
        }

        @Override
        public void onUnsubscribe(String sid, long max) {
            events.add("UNSUB " + sid + " " + max);
        }

        @Override
        public void onPing() {
            events.add("PING");
        }

        @Override
        public void onPong() {
            events.add("PONG");
        }

        @Override
        public void onError(ParseError error) {
            events.add("ERROR " + error);
        }
    }

    record Frame(String input, List<String> events) {
        @Override
        public String toString() {
            return input.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    private static Frame frame(String input, String... events) {
        return new Frame(input, List.of(events));
    }

    static Stream<Frame> validFrames() {
        return Stream.of(
                frame("PING\r\n", "PING"),
                frame("ping\r\n", "PING"),
                frame("PING\n", "PING"),
                frame("PINGX and more\r\n", "PING"),
                frame("PONG\r\n", "PONG"),
                frame("+OK\r\n"),
                frame("INFO {\"a\":1}\r\n"),
                frame("CONNECT {\"verbose\":false}\r\n", "CONNECT {\"verbose\":false}"),
                frame("connect\t{}  \r\n", "CONNECT {}"),
                frame("PUB foo 5\r\nhello\r\n", "PUB foo null -1 [hello]"),
                frame("pub foo.bar reply.to 2\r\nhi\r\n", "PUB foo.bar reply.to -1 [hi]"),
                frame("PUB  foo \t 0\r\n\r\n", "PUB foo null -1 []"),
                frame("PUB foo 4\r\n\r\n\r\n\r\n", "PUB foo null -1 [\r\n\r\n]"),
                frame("PUB foo 1\nx\r\n", "PUB foo null -1 [x]"),
                frame("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "PUB foo null 12 [NATS/1.0\r\n\r\nhi]"),
                frame("HPUB foo r 12 12\r\nNATS/1.0\r\n\r\n\r\n", "PUB foo r 12 [NATS/1.0\r\n\r\n]"),
                frame("SUB foo 1\r\n", "SUB foo null 1"),
                frame("SUB foo.* workers 22\r\n", "SUB foo.* workers 22"),
                frame("sub\tfoo.>\tq\tsid\r\n", "SUB foo.> q sid"),
                frame("UNSUB 1\r\n", "UNSUB 1 -1"),
                frame("UNSUB 1 10\r\n", "UNSUB 1 10"),
                frame("UNSUB 1 x\r\n", "UNSUB 1 -1"),
                frame("PUB foo " + MAX_PAYLOAD + "\r\n" + "p".repeat(MAX_PAYLOAD) + "\r\n",
                        "PUB foo null -1 [" + "p".repeat(MAX_PAYLOAD) + "]"),
                frame("SUB " + "s".repeat(MAX_CONTROL_LINE - 2) + " 1\r\n",
                        "SUB " + "s".repeat(MAX_CONTROL_LINE - 2) + " null 1"),
                frame("PING\r\nSUB a 1\r\nPUB a 1\r\nx\r\nPONG\r\n", "PING", "SUB a null 1", "PUB a null -1 [x]", "PONG"));
    }

    static Stream<Frame> invalidFrames() {
        return Stream.of(
                frame("FOO\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PUBX foo 1\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PUB\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PIX\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("MSG foo 1 1\r\nx\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PUB foo 2\r\nhello\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PUB foo 1\r\nxy", "ERROR UNKNOWN_OPERATION"),
                frame("PUB foo 1\r\nx\rPING\r\n", "ERROR UNKNOWN_OPERATION"),
                frame("PUB foo bar\r\n", "ERROR BAD_ARGUMENTS"),
                frame("PUB foo\r\n", "ERROR BAD_ARGUMENTS"),
                frame("PUB foo a b 1\r\n", "ERROR BAD_ARGUMENTS"),
                frame("PUB foo -1\r\n", "ERROR BAD_ARGUMENTS"),
                frame("PUB foo 99999999999\r\n", "ERROR BAD_ARGUMENTS"),
                frame("HPUB foo 3 2\r\n", "ERROR BAD_ARGUMENTS"),
                frame("HPUB foo 2\r\n", "ERROR BAD_ARGUMENTS"),
                frame("SUB foo\r\n", "ERROR BAD_ARGUMENTS"),
                frame("SUB foo q g 1\r\n", "ERROR BAD_ARGUMENTS"),
                frame("UNSUB 1 2 3\r\n", "ERROR BAD_ARGUMENTS"),
                frame("UNSUB \r\n", "ERROR BAD_ARGUMENTS"),
                frame("CONNECT\r\n", "ERROR BAD_ARGUMENTS"),
                frame("-ERR 'x'\r\n", "ERROR CLIENT_ERROR"),
                frame("PUB foo " + (MAX_PAYLOAD + 1) + "\r\n", "ERROR MAX_PAYLOAD"),
                frame("HPUB foo 10 " + (MAX_PAYLOAD + 1) + "\r\n", "ERROR MAX_PAYLOAD"),
                frame("SUB " + "s".repeat(MAX_CONTROL_LINE) + " 1\r\n", "ERROR MAX_CONTROL_LINE"),
                frame("PUB " + "s".repeat(MAX_CONTROL_LINE + 1), "ERROR MAX_CONTROL_LINE"),
                frame("PING\r\nFOO\r\nPING\r\n", "PING", "ERROR UNKNOWN_OPERATION"));
    }

    static Stream<Frame> allFrames() {
        return Stream.concat(validFrames(), invalidFrames());
    }

    private static List<String> feed(byte[] bytes, int... cuts) {
        Recorder recorder = new Recorder();
        ProtocolParser parser = new ProtocolParser(recorder, MAX_PAYLOAD, MAX_CONTROL_LINE);
        int start = 0;
        for (int cut : cuts) {
            parser.feed(bytes, start, cut - start);
            start = cut;
        }
        parser.feed(bytes, start, bytes.length - start);
        return recorder.events;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFrames")
    void decodesFrameWhole(Frame frame) {
        assertThat(feed(frame.input().getBytes(StandardCharsets.UTF_8))).isEqualTo(frame.events());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFrames")
    void decodesFrameSplitAtEveryOffset(Frame frame) {
        byte[] bytes = frame.input().getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(feed(bytes, cut)).as("split at %d", cut).isEqualTo(frame.events());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFrames")
    void decodesFrameOneByteAtATime(Frame frame) {
        byte[] bytes = frame.input().getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            cuts[i] = i;
        }
        assertThat(feed(bytes, cuts)).isEqualTo(frame.events());
    }

    @Test
    void decodesAllValidFramesBackToBackSplitAtEveryOffset() {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        validFrames().forEach(f -> {
            input.append(f.input());
            expected.addAll(f.events());
        });
        byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(feed(bytes, cut)).as("split at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void pingIsEmittedOnlyOnItsLineFeed() {
        Recorder recorder = new Recorder();
        ProtocolParser parser = new ProtocolParser(recorder, MAX_PAYLOAD, MAX_CONTROL_LINE);
        byte[] ping = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < ping.length - 1; i++) {
            parser.feed(ping, i, 1);
            assertThat(recorder.events).as("after byte %d", i).isEmpty();
            assertThat(parser.isClosed()).isFalse();
        }
        parser.feed(ping, ping.length - 1, 1);
        assertThat(recorder.events).containsExactly("PING");
    }

    @Test
    void unknownOperationIsRejectedOnItsFirstWrongByte() {
        Recorder recorder = new Recorder();
        ProtocolParser parser = new ProtocolParser(recorder, MAX_PAYLOAD, MAX_CONTROL_LINE);
        parser.feed(new byte[] {'P', 'U', 'X'}, 0, 3);
        assertThat(recorder.events).containsExactly("ERROR UNKNOWN_OPERATION");
        assertThat(parser.isClosed()).isTrue();
        parser.feed("PING\r\n".getBytes(StandardCharsets.US_ASCII), 0, 6);
        assertThat(recorder.events).containsExactly("ERROR UNKNOWN_OPERATION");
    }

    @Test
    void hpubFromClientWithoutHeadersIsMalformed() {
        Recorder recorder = new Recorder();
        recorder.headers = false;
        ProtocolParser parser = new ProtocolParser(recorder, MAX_PAYLOAD, MAX_CONTROL_LINE);
        byte[] bytes = "HPUB foo 12 14\r\n".getBytes(StandardCharsets.US_ASCII);
        parser.feed(bytes, 0, bytes.length);
        assertThat(recorder.events).containsExactly("ERROR BAD_ARGUMENTS");
    }

    @Test
    void refusedOperationStopsTheParserBeforeItsArguments() {
        Recorder recorder = new Recorder();
        recorder.refuse = ParserHandler.Op.SUB;
        ProtocolParser parser = new ProtocolParser(recorder, MAX_PAYLOAD, MAX_CONTROL_LINE);
        byte[] bytes = "SUB foo 1\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        parser.feed(bytes, 0, bytes.length);
        assertThat(recorder.events).containsExactly("REFUSED SUB");
        assertThat(parser.isClosed()).isTrue();
    }

    @Test
    void stopInsideACallbackIgnoresTheRestOfTheInput() {
        List<String> seen = new ArrayList<>();
        ProtocolParser[] parser = new ProtocolParser[1];
        parser[0] = new ProtocolParser(new Recorder() {
            @Override
            public void onConnect(String json) {
                seen.add("CONNECT");
                parser[0].stop();
            }

            @Override
            public void onSubscribe(String subject, String queue, String sid) {
                seen.add("SUB");
            }
        }, MAX_PAYLOAD, MAX_CONTROL_LINE);
        byte[] bytes = "CONNECT {bad\r\nSUB foo 1\r\n".getBytes(StandardCharsets.US_ASCII);
        parser[0].feed(bytes, 0, bytes.length);
        assertThat(seen).containsExactly("CONNECT");
        assertThat(parser[0].isClosed()).isTrue();
    }

    @Test
    void largePayloadArrivingInPiecesIsReassembled() {
        byte[] payload = new byte[100_000];
        new java.util.Random(7).nextBytes(payload);
        byte[] head = ("PUB big " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + payload.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(payload, 0, frame, head.length, payload.length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        byte[][] received = new byte[1][];
        ProtocolParser parser = new ProtocolParser(new Recorder() {
            @Override
            public void onPublish(Publication pub) {
                received[0] = java.util.Arrays.copyOfRange(pub.data, pub.offset, pub.offset + pub.length);
            }
        }, 1024 * 1024, MAX_CONTROL_LINE);
        for (int offset = 0; offset < frame.length; offset += 7_777) {
            parser.feed(frame, offset, Math.min(7_777, frame.length - offset));
        }
        assertThat(received[0]).isEqualTo(payload);
    }

    @Test
    void parsesSizes() {
        assertThat(ProtocolParser.parseSize("0")).isZero();
        assertThat(ProtocolParser.parseSize("1048576")).isEqualTo(1048576);
        assertThat(ProtocolParser.parseSize("")).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize("12a")).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize("+1")).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize("12345678901")).isEqualTo(-1);
    }
}
