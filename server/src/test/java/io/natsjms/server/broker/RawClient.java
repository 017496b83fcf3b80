package io.natsjms.server.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare socket speaking the NATS protocol by hand, to check exact bytes: {@code -ERR} texts, +OK,
 * MSG framing, and when the broker closes the connection.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final String info;
    private boolean eof;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.info = readLine();
    }

    /** Connects and reads the INFO line. */
    static RawClient connect(int port) {
        return connect(port, 0);
    }

    /** Connects with a given receive buffer size (0 for the default) and reads the INFO line. */
    static RawClient connect(int port, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("connect to port " + port, e);
        }
    }

    String info() {
        return info;
    }

    RawClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("send", e);
        }
    }

    /** Reads until the text received so far (after INFO) ends with {@code suffix}; returns all of it. */
    String readUntilEndsWith(String suffix) {
        while (!receivedText().endsWith(suffix)) {
            if (!readSome()) {
                throw new AssertionError("connection closed before '" + suffix.strip() + "'; received: "
                        + receivedText());
            }
        }
        return receivedText();
    }

    /**
     * Sends {@code text}, then reads until what arrives after it ends with {@code suffix}; returns what
     * arrived after the send.
     */
    String exchange(String text, String suffix) {
        int mark = received.size();
        send(text);
        while (received.size() <= mark || !receivedText().substring(mark).endsWith(suffix)) {
            if (!readSome()) {
                throw new AssertionError("connection closed before '" + suffix.strip() + "'; received: "
                        + receivedText().substring(mark));
            }
        }
        return receivedText().substring(mark);
    }

    /** Reads until at least {@code count} bytes were received after INFO. */
    void readUntilReceived(long count) {
        while (received.size() < count) {
            if (!readSome()) {
                throw new AssertionError("connection closed after " + received.size() + " of " + count + " bytes");
            }
        }
    }

    /** Reads until the broker closes the connection; returns everything received after INFO. */
    String readUntilClosed() {
        while (readSome()) {
            // keep reading
        }
        return receivedText();
    }

    /** Whether the broker has closed the connection (reading what is buffered first). */
    boolean isClosedByBroker(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            while (readSome()) {
                // drain
            }
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return false;
            }
            throw e;
        } catch (SocketException e) {
            return true;
        }
    }

    String receivedText() {
        return received.toString(StandardCharsets.UTF_8);
    }

    long receivedBytes() {
        return received.size();
    }

    private boolean readSome() {
        if (eof) {
            return false;
        }
        byte[] buf = new byte[64 * 1024];
        try {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
                return false;
            }
            received.write(buf, 0, n);
            return true;
        } catch (SocketException e) {
            eof = true; // reset by the broker
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("read", e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
