package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/** Unshared durable subscriptions. */
class ClassicDurableIT {

    @ClassicTest(stores = StoreType.MEMORY)
    void aDurableSubscriptionNeedsAClientId(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("news");
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "reader"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createDurableSubscriber(topic, "reader"))
                .isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest
    void aSecondActiveConsumerIsRefused(ClassicServer server) throws Exception {
        Connection connection = server.connect("reader");
        Session session = connection.createSession();
        Topic topic = session.createTopic("news");
        MessageConsumer first = session.createDurableConsumer(topic, "news");
        Session other = connection.createSession();
        assertThatThrownBy(() -> other.createDurableConsumer(topic, "news")).isInstanceOf(JMSException.class);

        send(session, topic, "n1");
        assertThat(receiveTexts(first, 1)).containsExactly("n1");
        first.close();
        MessageConsumer second = other.createDurableConsumer(topic, "news");
        send(session, topic, "n2");
        assertThat(receiveTexts(second, 1)).containsExactly("n2");
    }

    @ClassicTest
    void messagesWaitWhileTheSubscriberIsClosed(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news").close();
        send(session, topic, "n1", "n2");
        MessageConsumer resumed = session.createDurableConsumer(topic, "news");
        assertThat(receiveTexts(resumed, 2)).containsExactly("n1", "n2");
        assertNothing(resumed);
    }

    @ClassicTest
    void recreatingWithAnotherSelectorDropsTheOldSubscription(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news", "kind = 'sport'", false).close();
        sendKinds(session, topic, "sport", "sport");

        MessageConsumer recreated = session.createDurableConsumer(topic, "news", "kind = 'politics'", false);
        assertNothing(recreated);
        sendKinds(session, topic, "sport", "politics");
        assertThat(receiveTexts(recreated, 1)).containsExactly("politics1");
        assertNothing(recreated);
        assertThat(recreated.getMessageSelector()).isEqualTo("kind = 'politics'");
    }

    @ClassicTest
    void recreatingOnAnotherTopicDropsTheOldSubscription(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic news = session.createTopic("news");
        Topic weather = session.createTopic("weather");
        session.createDurableConsumer(news, "feed").close();
        send(session, news, "old");

        session.createDurableConsumer(weather, "feed").close();
        send(session, news, "news-after");
        send(session, weather, "weather-after");
        MessageConsumer feed = session.createDurableConsumer(weather, "feed");
        assertThat(receiveTexts(feed, 1)).containsExactly("weather-after");
        assertNothing(feed);

        feed.close();
        MessageConsumer backOnNews = session.createDurableConsumer(news, "feed");
        assertNothing(backOnNews);
    }

    @ClassicTest
    void recreatingWithTheSameSettingsKeepsTheSubscription(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news", "kind = 'sport'", false).close();
        sendKinds(session, topic, "sport", "politics", "sport");
        MessageConsumer again = session.createDurableConsumer(topic, "news", "kind = 'sport'", false);
        assertThat(receiveTexts(again, 2)).containsExactly("sport0", "sport2");
        assertNothing(again);
    }

    @ClassicTest
    void unsubscribeChecksThatTheSubscriptionIsInactiveAndExists(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        MessageConsumer active = session.createDurableConsumer(topic, "news");
        assertThatThrownBy(() -> session.unsubscribe("news")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.unsubscribe("nonexistent")).isInstanceOf(InvalidDestinationException.class);
        send(session, topic, "before-unsubscribe");
        active.close();

        session.unsubscribe("news");
        assertThatThrownBy(() -> session.unsubscribe("news")).isInstanceOf(InvalidDestinationException.class);
        assertNothing(session.createDurableConsumer(topic, "news"));
    }

    @ClassicTest
    void theSubscriptionResumesInANewConnectionWithTheSameClientId(ClassicServer server) throws Exception {
        Connection first = server.connect("reader");
        Session session = first.createSession();
        Topic topic = session.createTopic("news");
        MessageConsumer durable = session.createDurableConsumer(topic, "news", "kind <> 'ads'", false);
        sendKinds(session, topic, "sport");
        assertThat(receiveTexts(durable, 1)).containsExactly("sport0");
        first.close();

        sendKinds(server.connect().createSession(), topic, "ads", "politics", "weather");

        Session again = server.connect("reader").createSession();
        MessageConsumer resumed = again.createDurableConsumer(topic, "news", "kind <> 'ads'", false);
        assertThat(receiveTexts(resumed, 2)).containsExactly("politics1", "weather2");
        assertNothing(resumed);
    }

    @ClassicTest
    void aDurableSubscriberIsAlsoCreatedThroughTheTopicSessionApi(ClassicServer server) throws Exception {
        var connection = server.connect("reader");
        var session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        var subscriber = session.createDurableSubscriber(topic, "news");
        assertThat(subscriber.getTopic()).isEqualTo(topic);
        subscriber.close();
        session.createPublisher(topic).publish(session.createTextMessage("n1"));
        assertThat(receiveTexts(session.createDurableSubscriber(topic, "news"), 1)).containsExactly("n1");
    }

    @ClassicTest(stores = StoreType.MAPDB)
    void theSubscriptionAndItsSettingsSurviveAServerRestart(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news", "kind = 'sport'", false).close();
        sendKinds(session, topic, "sport", "politics", "sport");

        server.restart();

        Session again = server.connect("reader").createSession();
        MessageConsumer resumed = again.createDurableConsumer(topic, "news", "kind = 'sport'", false);
        assertThat(receiveTexts(resumed, 2)).containsExactly("sport0", "sport2");
        assertNothing(resumed);
    }

    private static void sendKinds(Session session, Topic topic, String... kinds) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        int i = 0;
        for (String kind : kinds) {
            TextMessage message = session.createTextMessage(kind + (i++));
            message.setStringProperty("kind", kind);
            producer.send(message);
        }
        producer.close();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void recreatingWithAnotherNoLocalDropsTheOldSubscription(ClassicServer server) throws Exception {
        Session session = server.connect("reader").createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news", null, false).close();
        send(server.connect().createSession(), topic, "old");
        MessageConsumer recreated = session.createDurableConsumer(topic, "news", null, true);
        assertNothing(recreated);
    }

    @ClassicTest
    void anUnsubscribeIsRememberedAcrossConnections(ClassicServer server) throws Exception {
        Connection first = server.connect("reader");
        Session session = first.createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "kept").close();
        session.createDurableConsumer(topic, "dropped").close();
        session.unsubscribe("dropped");
        first.close();

        Session again = server.connect("reader").createSession();
        assertThatThrownBy(() -> again.unsubscribe("dropped")).isInstanceOf(InvalidDestinationException.class);
        again.unsubscribe("kept");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aClientIdSetOnTheConnectionServesDurableSubscriptions(ClassicServer server) throws Exception {
        Connection first = server.open((String) null);
        first.setClientID("late-reader");
        first.start();
        Session session = first.createSession();
        Topic topic = session.createTopic("news");
        session.createDurableConsumer(topic, "news").close();
        first.close();
        send(server.connect().createSession(), topic, "while-away");

        Connection second = server.open((String) null);
        second.setClientID("late-reader");
        second.start();
        assertThat(receiveTexts(second.createSession().createDurableConsumer(topic, "news"), 1))
                .containsExactly("while-away");
    }
}
