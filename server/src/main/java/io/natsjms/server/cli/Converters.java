package io.natsjms.server.cli;

import io.natsjms.server.config.ByteSize;
import io.natsjms.server.config.GoDuration;
import io.natsjms.server.config.LogOutput;
import io.natsjms.server.config.StoreType;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The picocli converters of the flag values that are not plain strings. */
final class Converters {

    private Converters() {
    }

    /** A size such as {@code 1024}, {@code 1KB} or {@code 10MB}; not negative. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long result;
            try {
                result = ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return requireNonNegative(value, result);
        }
    }

    /** A Go duration such as {@code 1h30m}, {@code 10s} or {@code 500ms}; not negative. */
    static final class GoDurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration result = GoDuration.parse(value);
                if (result.isNegative()) {
                    throw new TypeConversionException("\"" + value + "\" is negative (expected: >= 0)");
                }
                return result;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A syslog server address such as {@code udp://localhost:514}. */
    static final class SyslogAddress implements ITypeConverter<java.net.InetSocketAddress> {
        @Override
        public java.net.InetSocketAddress convert(String value) {
            try {
                return LogOutput.syslogAddress(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("\"" + value
                        + "\" is not a syslog address (expected: udp://host:port, udp://host or host:port)");
            }
        }
    }

    /** A count that can't be negative. */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return requireNonNegative(value, Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("\"" + value + "\" is not an integer (expected: an integer >= 0)");
            }
        }
    }

    /** A count that can't be negative and fits an {@code int}. */
    static final class IntCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long result = new Count().convert(value);
            if (result > Integer.MAX_VALUE) {
                throw new TypeConversionException("\"" + value + "\" is too large (expected: at most "
                        + Integer.MAX_VALUE + ")");
            }
            return (int) result;
        }
    }

    /** A TCP port, 0 to 65535 (0 picks a free one). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value, 0);
        }
    }

    /** The monitoring port: 0 to 65535 (0 picks a free one), or -1 to disable monitoring. */
    static final class MonitorPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value, -1);
        }
    }

    private static int port(String value, int min) {
        String expected = min < 0 ? "-1 or 0 to 65535" : "0 to 65535";
        try {
            int port = Integer.parseInt(value.trim());
            if (port < min || port > 65535) {
                throw new TypeConversionException("\"" + value + "\" is out of range (expected: " + expected + ")");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("\"" + value + "\" is not a port (expected: " + expected + ")");
        }
    }

    /** {@code MEMORY}, {@code MAPDB}, {@code FILE} (another name of MAPDB) or {@code JETSTREAM}, any case. */
    static final class Store implements ITypeConverter<StoreType> {
        @Override
        public StoreType convert(String value) {
            try {
                return StoreType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("\"" + value + "\" is not a store (expected: MEMORY, MAPDB, FILE or JETSTREAM)");
            }
        }
    }

    private static long requireNonNegative(String value, long result) {
        if (result < 0) {
            throw new TypeConversionException("\"" + value + "\" is negative (expected: >= 0)");
        }
        return result;
    }
}
