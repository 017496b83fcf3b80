package io.natsjms.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The raw disk ceiling: each append writes 1 KB at the end of a growing file with
 * {@link FileChannel#write}, each sync is {@code force(false)} (fdatasync), as the baselines'
 * fsync probe does (docs/performance-baselines.md).
 */
final class RawFileTarget implements AppendTarget {

    /** The case name used by the harness. */
    static final String NAME = "raw";

    private final FileChannel channel;
    private final ByteBuffer[] payloads;
    private int next;

    RawFileTarget(Path directory) {
        byte[][] bytes = Payloads.random();
        payloads = new ByteBuffer[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            payloads[i] = ByteBuffer.allocateDirect(bytes[i].length).put(bytes[i]);
        }
        Path file = directory.resolve("raw.log");
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    @Override
    public void append() {
        ByteBuffer payload = payloads[next];
        next = (next + 1) % payloads.length;
        payload.clear();
        try {
            while (payload.hasRemaining()) {
                channel.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("raw write failed", e);
        }
    }

    @Override
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("raw force failed", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("raw close failed", e);
        }
    }
}
