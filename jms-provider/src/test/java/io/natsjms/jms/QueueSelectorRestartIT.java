package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue messages no consumer's selector selected wait on the server's MapDB store across a restart:
 * after it, a browser still shows them, a consumer that selects them gets them, and the consumers that
 * were there before the restart go on with their own selectors.
 */
class QueueSelectorRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    private RestartableServer server;

    @Test
    void messagesNoConsumerSelectedWaitAcrossAServerRestart() throws Exception {
        server = new RestartableServer(dataDir).start();
        Session session = connect().createSession();
        Queue queue = session.createQueue("parked");
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        send(session, queue, "green0", "green");
        send(session, queue, "red1", "red");
        send(session, queue, "green2", "green");
        assertThat(receiveTexts(red, 1)).containsExactly("red1");
        await().atMost(WAIT).until(() -> browse(session, queue).equals(List.of("green0", "green2")));

        server.stop();
        server.start();

        // the connection outlives the restart (its client is recovered), and so does its consumer; a browse
        // through it answers once it has reconnected
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(browse(session, queue)).containsExactly("green0", "green2"));
        Session again = connect().createSession();
        assertThat(browse(again, queue)).containsExactly("green0", "green2");
        send(again, queue, "red3", "red");
        assertThat(receiveTexts(red, 1)).containsExactly("red3");
        MessageConsumer green = again.createConsumer(queue, "color = 'green'");
        assertThat(receiveTexts(green, 2)).containsExactly("green0", "green2");
        assertNothing(green);
        assertNothing(red);
    }

    private static void send(Session session, Queue queue, String text, String color) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty("color", color);
        producer.send(message);
        producer.close();
    }

    private static List<String> browse(Session session, Queue queue) throws JMSException {
        List<String> texts = new java.util.ArrayList<>();
        var browser = session.createBrowser(queue);
        for (Object message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        browser.close();
        return texts;
    }

    private Connection connect() throws JMSException {
        return server.connect(server.config(null));
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
