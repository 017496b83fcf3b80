package io.natsjms.arquillian;

/**
 * The application server of this run (system property {@code natsjms.it.server}, set by the build's
 * Failsafe execution) and what differs between the servers for the test applications.
 */
enum AppServer {

    /**
     * WildFly: the connection factory the rar's {@code ironjacamar.xml} binds (an XATransaction pool, which
     * serves both tests); the built-in H2 data source {@code ExampleDS} (local transactions: the transaction
     * manager commits it as the last resource after preparing the adapter's branch).
     */
    WILDFLY("java:/jms/natsjms/ConnectionFactory", "java:/jms/natsjms/ConnectionFactory",
            "java:jboss/datasources/ExampleDS"),
    /**
     * GlassFish: application-scoped factories and data source from the application's
     * {@code glassfish-resources.xml}: a LocalTransaction and an XATransaction pool of the adapter, and an XA
     * data source of the bundled Java DB (Derby), embedded, in memory. The built-in {@code jdbc/__default}
     * needs Derby's network server, which {@code asadmin start-database} starts outside the server.
     */
    GLASSFISH("java:app/jms/natsjms/ConnectionFactory", "java:app/jms/natsjms/XAConnectionFactory",
            "java:app/jdbc/natsjms-xa"),
    /** Payara Server: as GlassFish, from the application's {@code glassfish-resources.xml}; no XA tests. */
    PAYARA("java:app/jms/natsjms/ConnectionFactory", null, null),
    /** Open Liberty: the {@code jmsConnectionFactory} of the server's {@code server.xml}; no XA tests. */
    LIBERTY("jms/natsjms/ConnectionFactory", null, null);

    private final String connectionFactory;
    private final String xaConnectionFactory;
    private final String xaDataSource;

    AppServer(String connectionFactory, String xaConnectionFactory, String xaDataSource) {
        this.connectionFactory = connectionFactory;
        this.xaConnectionFactory = xaConnectionFactory;
        this.xaDataSource = xaDataSource;
    }

    /** The JNDI name of the adapter's connection factory an application uses on this server. */
    String connectionFactory() {
        return connectionFactory;
    }

    /** The JNDI name of the adapter's factory of an XATransaction pool, or null where the XA tests do not run. */
    String xaConnectionFactory() {
        return xaConnectionFactory;
    }

    /** The JNDI name of the data source the XA tests write to, or null where they do not run. */
    String xaDataSource() {
        return xaDataSource;
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
