package io.natsjms.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, read back through the StreamMessage conversion
 * table (JMS 3.1 §3.11.3). A read that fails on a conversion (MessageFormatException or
 * NumberFormatException) leaves the position where it was, so the value can be read as another type.
 * A byte[] field may be read in chunks with {@link #readBytes(byte[])}; until it is read completely no
 * other field can be read.
 */
public class NatsStreamMessage extends NatsMessage implements StreamMessage {

    private final List<Object> items = new ArrayList<>();
    /** Whether the body is in read mode (after reset() or receipt). */
    private boolean reading;
    /** Index of the next item to read. */
    private int position;
    /** Offset reached in the byte[] item at {@code position}, or -1 when no chunked read is under way. */
    private int bytesOffset = -1;

    /** Creates an empty stream message in write mode. */
    public NatsStreamMessage() {
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return advance(ValueConversions.toBoolean(peek(), item()));
    }

    @Override
    public byte readByte() throws JMSException {
        return advance(ValueConversions.toByte(peek(), item()));
    }

    @Override
    public short readShort() throws JMSException {
        return advance(ValueConversions.toShort(peek(), item()));
    }

    @Override
    public char readChar() throws JMSException {
        return advance(ValueConversions.toChar(peek(), item()));
    }

    @Override
    public int readInt() throws JMSException {
        return advance(ValueConversions.toInt(peek(), item()));
    }

    @Override
    public long readLong() throws JMSException {
        return advance(ValueConversions.toLong(peek(), item()));
    }

    @Override
    public float readFloat() throws JMSException {
        return advance(ValueConversions.toFloat(peek(), item()));
    }

    @Override
    public double readDouble() throws JMSException {
        return advance(ValueConversions.toDouble(peek(), item()));
    }

    @Override
    public String readString() throws JMSException {
        return advance(ValueConversions.toStringValue(peek(), item()));
    }

    /**
     * Reads a byte[] field, or the next chunk of it.
     *
     * @return the number of bytes copied; less than {@code value.length} when the field is complete,
     *         otherwise the next call returns the rest, or -1 once the field is exhausted (also -1 for a
     *         null field)
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        byte[] field;
        if (bytesOffset < 0) {
            field = ValueConversions.toBytes(peekItem(), item());
            if (field == null) {
                return advance(-1);
            }
            if (field.length == 0) {
                return advance(0);
            }
            bytesOffset = 0;
        } else {
            field = (byte[]) items.get(position);
            if (bytesOffset == field.length) {
                bytesOffset = -1;
                return advance(-1);
            }
        }
        int count = Math.min(field.length - bytesOffset, value.length);
        System.arraycopy(field, bytesOffset, value, 0, count);
        bytesOffset += count;
        if (count < value.length) {
            bytesOffset = -1;
            position++;
        }
        return count;
    }

    /** Reads the next value as stored (byte[] copied). */
    @Override
    public Object readObject() throws JMSException {
        Object next = peek();
        return advance(next instanceof byte[] bytes ? bytes.clone() : next);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        add(java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    /**
     * Writes a boxed primitive, a String, a byte[] (copied) or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!TypedValues.isStreamOrMapType(value)) {
            throw new MessageFormatException("writeObject: a " + ValueConversions.typeName(value)
                    + " (expected: a boxed primitive, String, byte[] or null)");
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public void reset() {
        reading = true;
        position = 0;
        bytesOffset = -1;
        markBodyReadOnly();
    }

    /** The items (byte arrays not copied), for the codec. */
    List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    /** Adds a decoded item without checks. */
    void addDecoded(Object value) {
        items.add(value);
    }

    /** A StreamMessage body is never assignable (JMS 3.1 javadoc of isBodyAssignableTo). */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    @Override
    boolean hasNoBody() {
        return items.isEmpty();
    }

    @Override
    String expectedBodyType() {
        return "no getBody for a StreamMessage; read it with the read methods";
    }

    @Override
    void onClearBody() {
        items.clear();
        reading = false;
        position = 0;
        bytesOffset = -1;
    }

    @Override
    void onReceived() {
        reading = true;
        position = 0;
        bytesOffset = -1;
    }

    private void add(Object value) throws JMSException {
        if (reading || isBodyReadOnly()) {
            throw new MessageNotWriteableException(
                    "NatsStreamMessage: the body is read-only (expected: clearBody() before writing)");
        }
        items.add(value);
    }

    /** The next item for a typed read, refusing reads in the middle of a chunked byte[] read. */
    private Object peek() throws JMSException {
        Object next = peekItem();
        if (bytesOffset >= 0) {
            throw new MessageFormatException("stream item " + position
                    + ": a byte[] field is partly read (expected: readBytes until it returns less than the buffer or -1)");
        }
        return next;
    }

    private Object peekItem() throws JMSException {
        if (!reading) {
            throw new MessageNotReadableException(
                    "NatsStreamMessage: the body is in write mode (expected: reset() before reading)");
        }
        if (position >= items.size()) {
            throw new MessageEOFException("NatsStreamMessage: end of the stream at item " + position);
        }
        return items.get(position);
    }

    /** Moves past the current item after a successful read and returns the value read. */
    private <T> T advance(T value) {
        position++;
        return value;
    }

    private String item() {
        return "stream item " + position;
    }
}
