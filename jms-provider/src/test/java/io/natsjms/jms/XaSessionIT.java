package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The XA factory, connection, session and context as an application sees them: what they are, what they
 * refuse, and how an XA session behaves outside a transaction (as AUTO_ACKNOWLEDGE) and inside one.
 */
class XaSessionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JmsTestServer server = new JmsTestServer();

    private NatsXAConnectionFactory factory() {
        return new NatsXAConnectionFactory(server.url() + "?clusterId=" + JmsTestServer.CLUSTER);
    }

    private XAConnection xaConnection() throws JMSException {
        XAConnection connection = server.track(factory().createXAConnection());
        connection.start();
        return connection;
    }

    private Session plainSession() throws JMSException {
        Connection connection = server.connection();
        connection.start();
        return connection.createSession();
    }

    private List<Integer> pending(String channel) {
        return server.server().snapshot().channels().stream().filter(c -> c.name().equals(channel))
                .flatMap(c -> c.subscriptions().stream()).map(ServerSnapshot.SubscriptionView::pendingCount).toList();
    }

    @Test
    void theFactoryMakesXaConnectionsSessionsAndContextsOfEveryDomain() throws Exception {
        NatsXAConnectionFactory factory = factory();
        XAQueueConnection queues = server.track(factory.createXAQueueConnection());
        XATopicConnection topics = server.track(factory.createXATopicConnection());
        XAConnection generic = xaConnection();

        XAQueueSession queueSession = queues.createXAQueueSession();
        XASession session = generic.createXASession();

        assertThat(queueSession.getQueueSession()).isSameAs(queueSession);
        assertThat(topics.createXATopicSession().getTopicSession()).isInstanceOf(NatsXASession.class);
        assertThat(session.getSession()).isSameAs(session);
        assertThat(session.getXAResource()).isNotNull().isNotSameAs(generic.createXASession().getXAResource());
        assertThat(session.getTransacted()).isTrue();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThat(generic.createSession()).isNotInstanceOf(XASession.class);
        assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(() -> queueSession.createTopic("t")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outsideATransactionTheSessionSendsAtOnceAndAcknowledgesWhatItReceives() throws Exception {
        Session plain = plainSession();
        Queue queue = plain.createQueue("auto");
        MessageConsumer reader = plain.createConsumer(queue);
        XASession session = xaConnection().createXASession();
        send(session, queue, "sent-at-once");
        assertThat(receiveText(reader)).isEqualTo("sent-at-once");
        reader.close();
        Queue in = plain.createQueue("auto-in");
        send(plain, in, "job");

        MessageConsumer consumer = session.createConsumer(in);
        assertThat(receiveText(consumer)).isEqualTo("job");

        await().atMost(WAIT).until(() -> pending("auto-in").equals(List.of(0)));
        session.recover(); // as in AUTO_ACKNOWLEDGE: nothing to hand out again
        assertNothing(consumer);
    }

    @Test
    void insideATransactionRecoverDelayedAndTemporarySendsAreRefused() throws Exception {
        XASession session = xaConnection().createXASession();
        Queue queue = session.createQueue("refused");
        MessageProducer delayed = session.createProducer(queue);
        delayed.setDeliveryDelay(1000);
        MessageProducer temporary = session.createProducer(session.createTemporaryQueue());
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);

        assertThatThrownBy(session::recover).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> delayed.send(session.createTextMessage("later")))
                .isInstanceOf(JMSException.class).hasMessageContaining("delivery delay");
        assertThatThrownBy(() -> temporary.send(session.createTextMessage("reply")))
                .isInstanceOf(JMSException.class).hasMessageContaining("temporary destinations");

        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
    }

    @Test
    void aBranchStartedInsideOnMessageTakesTheListenersMessage() throws Exception {
        Session plain = plainSession();
        Queue queue = plain.createQueue("listened");
        XASession session = xaConnection().createXASession();
        XAResource resource = session.getXAResource();
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(message -> {
            try {
                seen.add(ClassicMessages.delivery(message));
                if (!message.getJMSRedelivered()) {
                    // a container's delivery: the transaction starts inside onMessage and rolls back
                    Xid xid = TestXid.next();
                    resource.start(xid, XAResource.TMNOFLAGS);
                    resource.end(xid, XAResource.TMFAIL);
                    resource.rollback(xid);
                }
            } catch (JMSException | XAException e) {
                failures.add(e);
            }
        });

        send(plain, queue, "event");

        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("event:false:1", "event:true:2");
        assertThat(failures).isEmpty();
        await().atMost(WAIT).until(() -> pending("listened").equals(List.of(0)));
    }

    @Test
    void anXaContextWorksInTheBranchOfItsResourceAndRefusesLocalCommit() throws Exception {
        Session plain = plainSession();
        Queue queue = plain.createQueue("context");
        MessageConsumer reader = plain.createConsumer(queue);
        XAJMSContext context = server.track(factory().createXAContext());
        XAResource resource = context.getXAResource();
        Xid xid = TestXid.next();

        assertThat(context.getContext()).isSameAs(context);
        assertThat(context.getTransacted()).isTrue();
        assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
        assertThatThrownBy(context::rollback).isInstanceOf(TransactionInProgressRuntimeException.class);
        resource.start(xid, XAResource.TMNOFLAGS);
        context.createProducer().send(queue, "one").send(queue, "two");
        resource.end(xid, XAResource.TMSUCCESS);
        assertNothing(reader);
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        resource.commit(xid, false);

        assertThat(receiveTexts(reader, 2)).containsExactly("one", "two");
        context.createProducer().send(queue, "outside");
        assertThat(receiveText(reader)).isEqualTo("outside");
    }

    @Test
    void aMessageReceivedInABranchIsNotAcknowledgedUntilCommit() throws Exception {
        Session plain = plainSession();
        Queue queue = plain.createQueue("held");
        send(plain, queue, "m1");
        XASession session = xaConnection().createXASession();
        MessageConsumer consumer = session.createConsumer(queue);
        XAResource resource = session.getXAResource();
        Xid xid = TestXid.next();
        resource.start(xid, XAResource.TMNOFLAGS);
        Message received = ClassicMessages.receive(consumer);
        received.acknowledge(); // no effect in a transaction
        resource.end(xid, XAResource.TMSUCCESS);

        assertThat(pending("held")).containsExactly(1);
        resource.commit(xid, true);

        await().atMost(WAIT).until(() -> pending("held").equals(List.of(0)));
    }
}
