package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application dies between prepare and commit: a child JVM ({@link XaCrashApp}) sends a message and
 * inserts a row in one Narayana transaction and halts once both branches are prepared and the decision is
 * logged. Narayana's recovery in this JVM, over the child's log, then commits both: the message is delivered
 * once and the row is there once.
 */
class XaApplicationCrashIT {

    private static final long CHILD_SECONDS = 90;

    @RegisterExtension
    final JmsTestServer server = new JmsTestServer();

    @TempDir
    Path dir;

    @Test
    void recoveryCommitsTheMessageAndTheRowTheCrashedApplicationPrepared() throws Exception {
        Path store = Narayana.inThisJvm();
        H2Orders database = new H2Orders(dir).create();
        Connection plainConnection = server.connection();
        plainConnection.start();
        Session plain = plainConnection.createSession();
        Queue queue = plain.createQueue("crash-orders");
        MessageConsumer reader = plain.createConsumer(queue);

        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), XaCrashApp.class.getName(),
                store.toString(), database.path(), server.url(), JmsTestServer.CLUSTER, "crash-orders", "order-7")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)).as("the child ends").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(XaCrashApp.HALTED);

        // the window: both branches prepared, neither committed
        XAConnection recovering = server.track(new NatsXAConnectionFactory(server.url() + "?clusterId="
                + JmsTestServer.CLUSTER).createXAConnection());
        XAResource messaging = recovering.createXASession().getXAResource();
        assertThat(messaging.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).hasSize(1);
        assertThat(database.inDoubt()).hasSize(1);
        assertThat(database.ids()).isEmpty();
        assertNothing(reader);

        javax.sql.XAConnection sql = database.xaConnection();
        try {
            Narayana.recover(Narayana.helper(sql.getXAResource(), messaging));
        } finally {
            sql.close();
        }

        assertThat(receiveText(reader)).isEqualTo("order-7");
        assertNothing(reader);
        assertThat(database.ids()).isEqualTo(List.of("order-7"));
        assertThat(database.inDoubt()).isEmpty();
        assertThat(messaging.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
    }
}
