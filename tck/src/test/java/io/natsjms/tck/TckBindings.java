package io.natsjms.tck;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JNDI names the standalone Jakarta Messaging TCK looks up, bound to the provider's objects. */
final class TckBindings {

    /** Connection factories, named as the TCK's JmsTool looks them up in standalone mode. */
    static final String CONNECTION_FACTORY = "MyConnectionFactory";
    static final String QUEUE_CONNECTION_FACTORY = "MyQueueConnectionFactory";
    static final String TOPIC_CONNECTION_FACTORY = "MyTopicConnectionFactory";
    static final String DURABLE_CONNECTION_FACTORY = "DURABLE_SUB_CONNECTION_FACTORY";
    /** The client ID the TCK expects of {@link #DURABLE_CONNECTION_FACTORY}'s connections. */
    static final String DURABLE_CLIENT_ID = "cts";

    static final List<String> QUEUES = List.of("MY_QUEUE", "MY_QUEUE2", "testQ0", "testQ1", "testQ2",
            "testQueue2", "Q2");
    static final List<String> TOPICS = List.of("MY_TOPIC", "MY_TOPIC2", "testT0", "testT1", "testT2");

    private TckBindings() {
    }

    /**
     * The JNDI environment of the provider's own {@code NatsInitialContextFactory} that binds every TCK
     * name for the server at {@code natsUrl}. Each factory URL carries the credentials as its default
     * user, so {@code createConnection()} without arguments works where the broker requires them.
     */
    static Map<String, String> environment(String natsUrl, TckCredentials credentials) {
        String url = natsUrl + "?clusterId=" + encode(TckServer.CLUSTER_ID);
        if (credentials.required()) {
            url += "&user=" + encode(credentials.user()) + "&password=" + encode(credentials.password());
        }
        return environment(url, url + "&clientId=" + encode(DURABLE_CLIENT_ID));
    }

    /**
     * Every TCK name in the {@code connectionFactory.*}, {@code queue.*} and {@code topic.*} form that
     * both the provider's and Artemis' JNDI factories read: the factories by URL, each destination under
     * its own name.
     *
     * @param factoryUrl        the URL of the three plain factories
     * @param durableFactoryUrl the URL of {@link #DURABLE_CONNECTION_FACTORY}, which must set the client
     *                          ID {@link #DURABLE_CLIENT_ID}
     */
    static Map<String, String> environment(String factoryUrl, String durableFactoryUrl) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("connectionFactory." + CONNECTION_FACTORY, factoryUrl);
        environment.put("connectionFactory." + QUEUE_CONNECTION_FACTORY, factoryUrl);
        environment.put("connectionFactory." + TOPIC_CONNECTION_FACTORY, factoryUrl);
        environment.put("connectionFactory." + DURABLE_CONNECTION_FACTORY, durableFactoryUrl);
        QUEUES.forEach(queue -> environment.put("queue." + queue, queue));
        TOPICS.forEach(topic -> environment.put("topic." + topic, topic));
        return Collections.unmodifiableMap(environment);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
