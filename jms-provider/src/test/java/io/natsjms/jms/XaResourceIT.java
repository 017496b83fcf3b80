package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.delivery;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The XAResource of an XA session against the server, driven the way a transaction manager drives it:
 * association (start, end, join, suspend), prepare, one- and two-phase commit, rollback, recovery scans and
 * the XA codes of misuse and failure.
 */
class XaResourceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JmsTestServer server = new JmsTestServer();

    private XASession xaSession() throws JMSException {
        return xaSession(server.config());
    }

    private XASession xaSession(ProviderConfig config) throws JMSException {
        XAConnection connection = server.track(NatsXAConnection.open(config, null, null));
        connection.start();
        return connection.createXASession();
    }

    private Session plainSession() throws JMSException {
        Connection connection = server.connection();
        connection.start();
        return connection.createSession();
    }

    private static int code(ThrowingCall call) {
        try {
            call.run();
        } catch (XAException e) {
            return e.errorCode;
        } catch (Exception e) {
            throw new AssertionError("expected an XAException, got " + e, e);
        }
        throw new AssertionError("expected an XAException, nothing was thrown");
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    /** The pending count of every subscription on {@code channel}. */
    private List<Integer> pending(String channel) {
        return server.server().snapshot().channels().stream().filter(c -> c.name().equals(channel))
                .flatMap(c -> c.subscriptions().stream()).map(ServerSnapshot.SubscriptionView::pendingCount).toList();
    }

    @Test
    void aTwoPhaseBranchSendsAndAcknowledgesOnlyAtCommit() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue("xa-in");
        Queue out = plain.createQueue("xa-out");
        MessageConsumer outReader = plain.createConsumer(out);
        send(plain, in, "order-1");
        XASession session = xaSession();
        MessageConsumer inReader = session.createConsumer(in);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(receiveText(inReader)).isEqualTo("order-1");
        send(session, out, "shipped-1");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);

        assertNothing(outReader);
        assertThat(pending("xa-in")).containsExactly(1);
        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN))
                .anySatisfy(x -> assertThat(((TestXid) xid).sameAs(x)).isTrue());

        resource.commit(xid, false);

        assertThat(receiveText(outReader)).isEqualTo("shipped-1");
        await().atMost(WAIT).until(() -> pending("xa-in").equals(List.of(0)));
        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertNothing(inReader);
    }

    @Test
    void aOnePhaseCommitAppliesTheBranchAtOnce() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("xa-one");
        MessageConsumer outReader = plain.createConsumer(out);
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        send(session, out, "a", "b");
        resource.end(xid, XAResource.TMSUCCESS);
        assertNothing(outReader);
        resource.commit(xid, true);

        assertThat(receiveTexts(outReader, 2)).containsExactly("a", "b");
        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertThat(code(() -> resource.commit(xid, true))).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void aBranchWithNothingInItIsReadOnlyAndForgotten() throws Exception {
        XAResource resource = xaSession().getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        resource.end(xid, XAResource.TMSUCCESS);

        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
        assertThat(code(() -> resource.commit(xid, false))).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void rollingBackAPreparedBranchRedeliversAtOnceMarkedRedeliveredAndDropsItsSends() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue("rb-in");
        Queue out = plain.createQueue("rb-out");
        MessageConsumer outReader = plain.createConsumer(out);
        send(plain, in, "job");
        XASession session = xaSession();
        MessageConsumer inReader = session.createConsumer(in);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(delivery(ClassicMessages.receive(inReader))).isEqualTo("job:false:1");
        send(session, out, "result");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);

        resource.rollback(xid);

        // the ack wait is 30 s: only the rollback's immediate redelivery comes this soon
        assertThat(delivery(ClassicMessages.receive(inReader))).isEqualTo("job:true:2");
        assertNothing(outReader);
        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
    }

    @Test
    void rollingBackABranchTheServerNeverSawHandsItsMessagesOutAgain() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue("rb-local");
        send(plain, in, "job");
        XASession session = xaSession();
        MessageConsumer inReader = session.createConsumer(in);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(receiveText(inReader)).isEqualTo("job");
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(pending("rb-local")).containsExactly(1);

        resource.rollback(xid);

        // received again outside a branch: acknowledged as in AUTO_ACKNOWLEDGE
        assertThat(delivery(ClassicMessages.receive(inReader))).isEqualTo("job:true:2");
        await().atMost(WAIT).until(() -> pending("rb-local").equals(List.of(0)));
        assertNothing(inReader);
    }

    @Test
    void anEndWithTmFailMakesThePrepareRollBack() throws Exception {
        Session plain = plainSession();
        Queue in = plain.createQueue("fail-in");
        send(plain, in, "job");
        XASession session = xaSession();
        MessageConsumer inReader = session.createConsumer(in);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        receiveText(inReader);
        resource.end(xid, XAResource.TMFAIL);

        assertThat(code(() -> resource.prepare(xid))).isEqualTo(XAException.XA_RBROLLBACK);
        assertThat(delivery(ClassicMessages.receive(inReader))).isEqualTo("job:true:2");
    }

    @Test
    void aJoinedSessionsWorkIsPreparedAndCommittedThroughTheFirstResource() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("joined");
        MessageConsumer outReader = plain.createConsumer(out);
        XASession first = xaSession();
        XASession second = xaSession();
        XAResource one = first.getXAResource();
        XAResource two = second.getXAResource();
        Xid xid = TestXid.next();
        assertThat(one.isSameRM(two)).isTrue();

        one.start(xid, XAResource.TMNOFLAGS);
        two.start(xid, XAResource.TMJOIN);
        send(first, out, "from-first");
        send(second, out, "from-second");
        two.end(xid, XAResource.TMSUCCESS);
        one.end(xid, XAResource.TMSUCCESS);
        assertThat(one.prepare(xid)).isEqualTo(XAResource.XA_OK);
        one.commit(xid, false);

        assertThat(receiveTexts(outReader, 2)).containsExactlyInAnyOrder("from-first", "from-second");
    }

    @Test
    void aSuspendedBranchResumesWhileWorkInBetweenIsNotPartOfIt() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("suspended");
        MessageConsumer outReader = plain.createConsumer(out);
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        send(session, out, "in-branch-1");
        resource.end(xid, XAResource.TMSUSPEND);
        send(session, out, "outside");
        assertThat(receiveText(outReader)).isEqualTo("outside");
        resource.start(xid, XAResource.TMRESUME);
        send(session, out, "in-branch-2");
        resource.end(xid, XAResource.TMSUCCESS);
        assertNothing(outReader);
        resource.commit(xid, true);

        assertThat(receiveTexts(outReader, 2)).containsExactly("in-branch-1", "in-branch-2");
    }

    @Test
    void aBranchLargerThanOneNatsMessageIsPreparedAndCommittedWhole() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("large");
        MessageConsumer outReader = plain.createConsumer(out);
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        int size = 400 * 1024; // three of them exceed the broker's 1 MB max payload

        resource.start(xid, XAResource.TMNOFLAGS);
        jakarta.jms.MessageProducer producer = session.createProducer(out);
        for (int i = 0; i < 3; i++) {
            jakarta.jms.BytesMessage message = session.createBytesMessage();
            byte[] body = new byte[size];
            body[0] = (byte) i;
            message.writeBytes(body);
            producer.send(message);
        }
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.commit(xid, false);

        for (int i = 0; i < 3; i++) {
            jakarta.jms.BytesMessage received = (jakarta.jms.BytesMessage) ClassicMessages.receive(outReader);
            assertThat(received.getBodyLength()).isEqualTo(size);
            assertThat(received.readByte()).isEqualTo((byte) i);
        }
        assertNothing(outReader);
    }

    @Test
    void aSessionClosedInsideABranchLeavesItsSendsToTheBranch() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("closed-inside");
        MessageConsumer outReader = plain.createConsumer(out);
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();

        resource.start(xid, XAResource.TMNOFLAGS);
        send(session, out, "kept");
        session.close();
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.commit(xid, false);

        assertThat(receiveText(outReader)).isEqualTo("kept");
    }

    @Test
    void misuseIsRefusedWithTheXaCodes() throws Exception {
        XAResource resource = xaSession().getXAResource();
        XAResource other = xaSession().getXAResource();
        Xid xid = TestXid.next();
        Xid unknown = TestXid.next();

        assertThat(code(() -> resource.end(unknown, XAResource.TMSUCCESS))).isEqualTo(XAException.XAER_NOTA);
        assertThat(code(() -> resource.start(xid, XAResource.TMJOIN))).isEqualTo(XAException.XAER_NOTA);
        assertThat(code(() -> resource.start(xid, 12345))).isEqualTo(XAException.XAER_INVAL);
        assertThat(code(() -> resource.start(null, XAResource.TMNOFLAGS))).isEqualTo(XAException.XAER_INVAL);
        assertThat(code(() -> resource.start(new TestXid(1, new byte[65], new byte[1]), XAResource.TMNOFLAGS)))
                .isEqualTo(XAException.XAER_INVAL);
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(code(() -> resource.start(TestXid.next(), XAResource.TMNOFLAGS))).isEqualTo(XAException.XAER_PROTO);
        assertThat(code(() -> other.start(xid, XAResource.TMNOFLAGS))).isEqualTo(XAException.XAER_DUPID);
        assertThat(code(() -> other.start(xid, XAResource.TMRESUME))).isEqualTo(XAException.XAER_PROTO);
        assertThat(code(() -> resource.prepare(xid))).isEqualTo(XAException.XAER_PROTO);
        assertThat(code(() -> resource.end(xid, 42))).isEqualTo(XAException.XAER_INVAL);
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(code(() -> resource.end(xid, XAResource.TMSUCCESS))).isEqualTo(XAException.XAER_PROTO);
        assertThat(code(() -> resource.commit(xid, false))).isEqualTo(XAException.XAER_PROTO);
        assertThat(code(() -> resource.forget(xid))).isEqualTo(XAException.XAER_NOTA);
        assertThat(code(() -> resource.commit(unknown, false))).isEqualTo(XAException.XAER_NOTA);
        assertThat(code(() -> resource.rollback(unknown))).isEqualTo(XAException.XAER_NOTA);
        assertThat(code(() -> resource.recover(42))).isEqualTo(XAException.XAER_INVAL);
        assertThat(resource.setTransactionTimeout(60)).isFalse();
        assertThat(resource.getTransactionTimeout()).isZero();
        resource.rollback(xid);
    }

    @Test
    void aRecoveryScanListsThePreparedBranchesOnlyAtItsStart() throws Exception {
        Session plain = plainSession();
        Queue out = plain.createQueue("scan");
        XASession session = xaSession();
        XAResource resource = session.getXAResource();
        TestXid first = TestXid.next();
        TestXid second = TestXid.next();
        for (TestXid xid : List.of(first, second)) {
            resource.start(xid, XAResource.TMNOFLAGS);
            send(session, out, xid.toString());
            resource.end(xid, XAResource.TMSUCCESS);
            assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        }
        XAResource recovery = xaSession().getXAResource();

        Xid[] started = recovery.recover(XAResource.TMSTARTRSCAN);
        Xid[] next = recovery.recover(XAResource.TMNOFLAGS);
        Xid[] ended = recovery.recover(XAResource.TMENDRSCAN);
        Xid[] withoutScan = recovery.recover(XAResource.TMNOFLAGS);

        assertThat(started).hasSize(2);
        assertThat(first.sameAs(started[0]) && second.sameAs(started[1])).as(Arrays.toString(started)).isTrue();
        assertThat(next).isEmpty();
        assertThat(ended).isEmpty();
        assertThat(withoutScan).containsExactly(started);
        // another connection finishes the branches: one committed, one rolled back
        recovery.commit(started[0], false);
        recovery.rollback(started[1]);
        MessageConsumer reader = plain.createConsumer(out);
        assertThat(receiveText(reader)).isEqualTo(first.toString());
        assertNothing(reader);
        assertThat(recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
    }

    @Test
    void theSameResourceManagerIsTheSameClusterOnTheSameServers() throws Exception {
        XAResource resource = xaSession().getXAResource();
        XAResource sameServers = xaSession().getXAResource();
        ProviderConfig d = server.config();
        ProviderConfig otherName = new ProviderConfig(List.of(server.url().replace("127.0.0.1", "localhost")),
                d.clusterId(), null, null, null, d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), d.ackWait(),
                false, d.codec(), d.pingInterval(), d.pingMaxOut());
        XAResource otherServers = xaSession(otherName).getXAResource();

        assertThat(resource.isSameRM(sameServers)).isTrue();
        assertThat(resource.isSameRM(resource)).isTrue();
        assertThat(resource.isSameRM(otherServers)).isFalse();
        assertThat(resource.isSameRM(null)).isFalse();
    }

    @Test
    void withoutTheTransactionExtensionPrepareFailsWithRmErrSayingSo() throws Exception {
        XASession session = xaSession(quickRequests());
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        send(session, session.createQueue("nowhere"), "x");
        resource.end(xid, XAResource.TMSUCCESS);
        server.server().streaming().close();

        // until the broker has dropped the closed server's subscriptions a request may go unanswered (RMFAIL)
        await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> resource.prepare(xid))
                .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMERR))
                .hasMessageContaining("does not support XA transactions"));
    }

    /** The server's configuration with requests answered within half a second or failed. */
    private ProviderConfig quickRequests() {
        ProviderConfig d = server.config();
        return new ProviderConfig(d.servers(), d.clusterId(), null, null, null, d.connectTimeout(),
                Duration.ofMillis(500), d.maxInFlight(), d.ackWait(), false, d.codec(), d.pingInterval(), d.pingMaxOut());
    }

    @Test
    void anUnreachableServerIsRmFail() throws Exception {
        XASession session = xaSession(quickRequests());
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        send(session, session.createQueue("nowhere"), "x");
        resource.end(xid, XAResource.TMSUCCESS);
        server.server().close();

        assertThat(code(() -> resource.prepare(xid))).isEqualTo(XAException.XAER_RMFAIL);
        // the transaction manager then rolls back: the branch never reached the server, nothing is sent
        assertThat(code(() -> resource.rollback(xid))).isEqualTo(XAException.XAER_RMFAIL);
    }
}
