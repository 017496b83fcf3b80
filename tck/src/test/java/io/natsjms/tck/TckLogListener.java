package io.natsjms.tck;

import com.sun.ts.lib.util.TestUtil;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Properties;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Makes the TCK's own log readable in the per-class output files of the run. The TCK logs most
 * failure causes through {@code TestUtil}, which without a harness queues them for a socket nobody
 * reads; this listener (registered through {@code META-INF/services}) points that log at standard
 * output, as the TCK's harness does, and marks where each test starts and ends.
 */
public final class TckLogListener implements TestExecutionListener {

    /** Starts every line that marks a test's start or end, so the output can be split per test. */
    static final String MARK = "##### TCK ";

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        Properties props = new Properties();
        props.setProperty("line.separator", System.lineSeparator());
        props.setProperty("harness.log.traceflag", "false");
        TestUtil.initNoLogging(props);
        TestUtil.setCurrentTest("", new PrintWriter(System.out, true), null);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        testName(test).ifPresent(name -> System.out.println(MARK + "start " + name));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        testName(test).ifPresent(name -> System.out.println(MARK + "end " + name + " " + result.getStatus()));
    }

    private static Optional<String> testName(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(source -> source.getClassName() + "#" + source.getMethodName());
    }
}
