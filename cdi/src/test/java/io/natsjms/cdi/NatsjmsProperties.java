package io.natsjms.cdi;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets system properties for one test and puts the previous values back after it. The CDI extension reads
 * its configuration from system properties when the container starts, so tests set them before that.
 */
final class NatsjmsProperties implements AfterEachCallback {

    /** The values before the test changed them (null: unset). */
    private final Map<String, String> previous = new HashMap<>();

    /** Sets {@code name} to {@code value} ({@code null} clears it) until the end of the test. */
    synchronized NatsjmsProperties set(String name, String value) {
        if (!previous.containsKey(name)) {
            previous.put(name, System.getProperty(name));
        }
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        return this;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        previous.clear();
    }
}
