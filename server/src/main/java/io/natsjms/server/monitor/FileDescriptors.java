package io.natsjms.server.monitor;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's open and maximum file descriptors, where the platform tells them (Unix); both 0
 * elsewhere, which {@link Serverz} leaves out.
 */
record FileDescriptors(long open, long max) {

    static FileDescriptors current() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return new FileDescriptors(unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount());
        }
        return new FileDescriptors(0, 0);
    }
}
