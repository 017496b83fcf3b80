package io.natsjms.arquillian;

/**
 * The application server of this run (system property {@code natsjms.it.server}, set by the build's
 * Failsafe execution) and what differs between the servers for the test applications.
 */
enum AppServer {

    /** WildFly: the connection factory the rar's {@code ironjacamar.xml} binds. */
    WILDFLY("java:/jms/natsjms/ConnectionFactory"),
    /** GlassFish: an application-scoped factory from the application's {@code glassfish-resources.xml}. */
    GLASSFISH("java:app/jms/natsjms/ConnectionFactory"),
    /** Payara Server: as GlassFish, from the application's {@code glassfish-resources.xml}. */
    PAYARA("java:app/jms/natsjms/ConnectionFactory"),
    /** Open Liberty: the {@code jmsConnectionFactory} of the server's {@code server.xml}. */
    LIBERTY("jms/natsjms/ConnectionFactory");

    private final String connectionFactory;

    AppServer(String connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** The JNDI name of the adapter's connection factory an application uses on this server. */
    String connectionFactory() {
        return connectionFactory;
    }

    static AppServer current() {
        String name = System.getProperty("natsjms.it.server");
        for (AppServer server : values()) {
            if (server.name().equalsIgnoreCase(name)) {
                return server;
            }
        }
        throw new IllegalStateException("natsjms.it.server: " + name + " (expected: wildfly, glassfish, payara or liberty)");
    }
}
