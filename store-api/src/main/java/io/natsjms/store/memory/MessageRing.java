package io.natsjms.store.memory;

import io.natsjms.protocol.pb.MsgProto;

/**
 * A growable circular array of messages: append at the end, drop from the front, read by position
 * in constant time. Not thread-safe; its owner guards it.
 */
final class MessageRing {

    private static final int MIN_CAPACITY = 16;

    /** The slots; the length is always a power of two. */
    private MsgProto[] slots = new MsgProto[MIN_CAPACITY];
    /** Slot of the oldest message. */
    private int head;
    /** Number of messages held. */
    private int size;

    int size() {
        return size;
    }

    void addLast(MsgProto msg) {
        if (size == slots.length) {
            resize(slots.length * 2);
        }
        slots[(head + size) & (slots.length - 1)] = msg;
        size++;
    }

    /** The message at {@code index} (0 = oldest). */
    MsgProto get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0 to " + (size - 1) + ")");
        }
        return slots[(head + index) & (slots.length - 1)];
    }

    MsgProto removeFirst() {
        MsgProto first = get(0);
        slots[head] = null;
        head = (head + 1) & (slots.length - 1);
        size--;
        if (slots.length > MIN_CAPACITY && size < slots.length / 4) {
            resize(slots.length / 2);
        }
        return first;
    }

    private void resize(int capacity) {
        MsgProto[] copy = new MsgProto[capacity];
        for (int i = 0; i < size; i++) {
            copy[i] = slots[(head + i) & (slots.length - 1)];
        }
        slots = copy;
        head = 0;
    }
}
