package io.natsjms.tck;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Marks where each test's log starts and ends in the output of the run. Registered for every test
 * class through JUnit's extension auto-detection ({@code META-INF/services}), so it runs around the
 * TCK's own {@code @BeforeEach} and {@code @AfterEach} methods: the lines a test's setup and cleanup
 * log fall between its two marks, and Surefire files them under that test.
 */
public final class TckTestMarks implements BeforeEachCallback, AfterEachCallback {

    /** Starts every line that marks a test's start or end, so the output can be split per test. */
    static final String MARK = "##### TCK ";

    @Override
    public void beforeEach(ExtensionContext context) {
        System.out.println(MARK + "start " + name(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.out.println(MARK + "end " + name(context) + " " + status(context));
    }

    private static String status(ExtensionContext context) {
        return context.getExecutionException()
                .map(failure -> failure instanceof TestAbortedException ? "ABORTED" : "FAILED")
                .orElse("SUCCESSFUL");
    }

    private static String name(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
    }
}
