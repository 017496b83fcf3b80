package io.natsjms.tck;

import com.sun.ts.lib.util.TestUtil;
import java.io.PrintWriter;
import java.util.Properties;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Makes the TCK's own log readable in the output of the run. The TCK logs most failure causes through
 * {@code TestUtil}, which without a harness queues them for a socket nobody reads; this listener
 * (registered through {@code META-INF/services}) points that log at standard output before any test
 * runs, as the TCK's harness does. {@link TckTestMarks} marks where each test's part of it starts and
 * ends.
 */
public final class TckLogListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        Properties props = new Properties();
        props.setProperty("line.separator", System.lineSeparator());
        props.setProperty("harness.log.traceflag", "false");
        TestUtil.initNoLogging(props);
        TestUtil.setCurrentTest("", new PrintWriter(System.out, true), null);
    }
}
