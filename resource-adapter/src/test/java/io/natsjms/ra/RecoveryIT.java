package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.NatsXAConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.spi.ActivationSpec;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter's recovery resources ({@code getXAResources}) list the branches an application left prepared
 * and complete them, over connections of their own that end with the scan.
 */
@ExtendWith(HarnessExtension.class)
class RecoveryIT {

    @Test
    void aPreparedBranchIsFoundAndCommittedByTheRecoveryResource(Harness harness) throws Exception {
        Xid xid = FakeTransactions.FakeXid.of(42, 1);
        prepareASend(harness, xid, "prepared");
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));
        int clientsBefore = harness.server.clientIds().size();

        XAResource[] resources = harness.adapter.getXAResources(new ActivationSpec[] {harness.spec("orders")});
        assertThat(resources).hasSize(1);
        XAResource recovery = resources[0];
        Xid[] found = recovery.recover(XAResource.TMSTARTRSCAN);
        assertThat(found).extracting(Xid::getGlobalTransactionId).containsExactly(xid.getGlobalTransactionId());
        assertThat(recovery.recover(XAResource.TMENDRSCAN)).isEmpty();
        await().atMost(PATIENCE).until(() -> harness.server.clientIds().size() == clientsBefore);

        recovery.commit(found[0], false);

        TextMessage committed = (TextMessage) consumer.receive(PATIENCE.toMillis());
        assertThat(committed).isNotNull();
        assertThat(committed.getText()).isEqualTo("prepared");
        assertThat(recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        await().atMost(PATIENCE).until(() -> harness.server.clientIds().size() == clientsBefore);
    }

    @Test
    void aRecoveryResourceIsNeverEnlisted(Harness harness) throws Exception {
        XAResource recovery = harness.adapter.getXAResources(new ActivationSpec[] {harness.spec("orders")})[0];

        assertThatThrownBy(() -> recovery.start(FakeTransactions.FakeXid.of(1, 1), XAResource.TMNOFLAGS))
                .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_PROTO))
                .hasMessageContaining("recovery resource");
        assertThat(recovery.isSameRM(recovery)).isTrue();
        assertThat(recovery.setTransactionTimeout(10)).isFalse();
    }

    @Test
    void anUnreachableServerIsAResourceManagerFailure(Harness harness) throws Exception {
        XAResource recovery = harness.adapter.getXAResources(new ActivationSpec[] {harness.spec("orders")})[0];
        harness.server.stop();

        assertThatThrownBy(() -> recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN))
                .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL))
                .hasMessageContaining("cannot connect for recovery");
    }

    /** An application that sent in a branch, prepared it and went away before the commit. */
    private static void prepareASend(Harness harness, Xid xid, String text) throws Exception {
        NatsXAConnectionFactory factory = new NatsXAConnectionFactory();
        factory.setServerUrls(harness.server.url());
        factory.setClusterId(TestServer.CLUSTER_ID);
        try (XAConnection connection = factory.createXAConnection()) {
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.getSession().createProducer(session.getSession().createTopic("outbox"))
                    .send(session.getSession().createTextMessage(text));
            resource.end(xid, XAResource.TMSUCCESS);
            assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        }
    }
}
