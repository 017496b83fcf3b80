package io.natsjms.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read with the
 * {@link java.io.DataOutput} encodings. A new message is in write mode; {@link #reset()} (or receipt)
 * switches it to read mode at the start of the body; {@link #clearBody()} empties it and returns to
 * write mode. A read that fails leaves the read position where it was.
 */
public class NatsBytesMessage extends NatsMessage implements BytesMessage {

    /** The body being written; null in read mode. */
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    /** The body being read; null in write mode. */
    private byte[] body;
    private ByteArrayInputStream source;
    private DataInputStream in;

    /** Creates an empty bytes message in write mode. */
    public NatsBytesMessage() {
    }

    /** The body bytes as they stand (what was written so far in write mode). */
    byte[] bodyBytes() {
        return written != null ? written.toByteArray() : body.clone();
    }

    /**
     * Sets the body of a message the codec is about to {@linkplain #markReceived() mark received}. The
     * array is kept, not copied: the caller hands over one that nobody changes afterwards.
     */
    void setReceivedBody(byte[] bytes) {
        written = null;
        out = null;
        body = bytes;
        source = null;
        in = null;
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkReadable();
        return body.length;
    }

    @Override
    public void reset() throws JMSException {
        if (written != null) {
            body = written.toByteArray();
            written = null;
            out = null;
        }
        source = new ByteArrayInputStream(body);
        in = new DataInputStream(source);
        // JMS: reset() puts the body in read-only mode; clearBody() makes it writable again.
        markBodyReadOnly();
    }

    // ---- reads ----

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(data -> data.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * Reads up to {@code length} bytes into the start of {@code value}.
     *
     * @return the number of bytes read, or -1 when the body was already fully read
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length: " + length + " (expected: 0.." + value.length + ")");
        }
        checkReadable();
        if (source.available() == 0) {
            return -1;
        }
        return source.read(value, 0, length);
    }

    // ---- writes ----

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(o -> o.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(o -> o.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(o -> o.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(o -> o.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(o -> o.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(o -> o.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(o -> o.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(o -> o.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(o -> o.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(o -> o.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(o -> o.write(value, offset, length));
    }

    /**
     * Writes a boxed primitive, a String or a byte[].
     *
     * @throws NullPointerException for null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject: null (expected: a boxed primitive, String or byte[])");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("writeObject: a " + value.getClass().getName()
                    + " (expected: a boxed primitive, String or byte[])");
        }
    }

    // ---- body rules ----

    @Override
    boolean hasNoBody() {
        return (written != null ? written.size() : body.length) == 0;
    }

    /** The whole body, regardless of mode and without moving the read position. */
    @Override
    Object bodyValue() {
        return bodyBytes();
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return c.isAssignableFrom(byte[].class);
    }

    @Override
    String expectedBodyType() {
        return "byte[] or a supertype";
    }

    @Override
    void onClearBody() {
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        body = null;
        source = null;
        in = null;
    }

    @Override
    void onReceived() {
        if (written != null) {
            body = written.toByteArray();
            written = null;
            out = null;
        }
        source = new ByteArrayInputStream(body);
        in = new DataInputStream(source);
    }

    private void checkReadable() throws MessageNotReadableException {
        if (in == null) {
            throw new MessageNotReadableException(
                    "NatsBytesMessage: the body is in write mode (expected: reset() before reading)");
        }
    }

    private <T> T read(Reader<T> reader) throws JMSException {
        checkReadable();
        source.mark(0);
        try {
            return reader.read(in);
        } catch (EOFException e) {
            source.reset();
            throw eof(e);
        } catch (IOException e) {
            source.reset();
            throw formatError(e);
        }
    }

    private void write(Writer writer) throws JMSException {
        if (out == null || isBodyReadOnly()) {
            throw new MessageNotWriteableException(
                    "NatsBytesMessage: the body is read-only (expected: clearBody() before writing)");
        }
        try {
            writer.write(out);
        } catch (IOException e) {
            throw formatError(e);
        }
    }

    private static MessageEOFException eof(EOFException cause) {
        MessageEOFException e = new MessageEOFException("NatsBytesMessage: unexpected end of the body");
        e.initCause(cause);
        return e;
    }

    private static MessageFormatException formatError(IOException cause) {
        MessageFormatException e = new MessageFormatException("NatsBytesMessage: " + cause);
        e.initCause(cause);
        return e;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}
