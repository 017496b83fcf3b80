package io.natsjms.arquillian;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The deployment descriptors of the test applications: the vendor bindings of their message-driven beans
 * to the natsjms adapter (each server reads its own file and ignores the others') and the mapping of the
 * outbound connection factory's resource reference.
 */
final class Descriptors {

    /** The module name of the deployed rar. */
    static final String ADAPTER = "natsjms-ra";

    /** Open Liberty: the {@code jmsActivationSpec} of {@code src/test/liberty/server.xml}. */
    static final String LIBERTY_ACTIVATION_SPEC = "natsjms/activation";

    private Descriptors() {
    }

    /** WildFly's {@code jboss-ejb3.xml}: binds each of {@code mdbs} to the adapter. */
    static String jbossEjb3(List<String> mdbs) {
        String bindings = mdbs.stream().map(mdb -> """
                    <mdb:resource-adapter-binding>
                      <ejb-name>%s</ejb-name>
                      <mdb:resource-adapter-name>%s.rar</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                """.formatted(mdb, ADAPTER)).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jboss:ejb-jar xmlns:jboss="http://www.jboss.com/xml/ns/javaee"
                               xmlns="http://java.sun.com/xml/ns/javaee"
                               xmlns:mdb="urn:resource-adapter-binding"
                               version="3.1" impl-version="2.0">
                  <assembly-descriptor>
                %s  </assembly-descriptor>
                </jboss:ejb-jar>
                """.formatted(bindings);
    }

    /** GlassFish's {@code glassfish-ejb-jar.xml}: binds each of {@code mdbs} to the adapter. */
    static String glassfishEjbJar(List<String> mdbs) {
        String beans = mdbs.stream().map(mdb -> """
                    <ejb>
                      <ejb-name>%s</ejb-name>
                      <mdb-resource-adapter>
                        <resource-adapter-mid>%s</resource-adapter-mid>
                      </mdb-resource-adapter>
                    </ejb>
                """.formatted(mdb, ADAPTER)).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN"
                    "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                <glassfish-ejb-jar>
                  <enterprise-beans>
                %s  </enterprise-beans>
                </glassfish-ejb-jar>
                """.formatted(beans);
    }

    /**
     * Open Liberty's {@code ibm-ejb-jar-bnd.xml}: binds each of {@code mdbs} to the activation spec
     * {@value #LIBERTY_ACTIVATION_SPEC} of the server's {@code server.xml}.
     */
    static String libertyEjbJarBnd(List<String> mdbs) {
        String beans = mdbs.stream().map(mdb -> """
                  <message-driven name="%s">
                    <jca-adapter activation-spec-binding-name="%s"/>
                  </message-driven>
                """.formatted(mdb, LIBERTY_ACTIVATION_SPEC)).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ejb-jar-bnd xmlns="http://websphere.ibm.com/xml/ns/javaee"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="http://websphere.ibm.com/xml/ns/javaee http://websphere.ibm.com/xml/ns/javaee/ibm-ejb-jar-bnd_1_2.xsd"
                             version="1.2">
                %s</ejb-jar-bnd>
                """.formatted(beans);
    }

    /** A {@code web.xml} mapping the resource reference {@code name} to the connection factory {@code lookup}. */
    static String webXml(String name, String lookup) {
        return webApp(resourceRef(name, "jakarta.jms.ConnectionFactory", lookup));
    }

    /**
     * A {@code web.xml} mapping the XA application's references: {@code factory} to the connection factory
     * {@code factoryLookup}, {@code dataSource} to the data source {@code dataSourceLookup}.
     */
    static String xaWebXml(String factory, String factoryLookup, String dataSource, String dataSourceLookup) {
        return webApp(resourceRef(factory, "jakarta.jms.ConnectionFactory", factoryLookup)
                + resourceRef(dataSource, "javax.sql.DataSource", dataSourceLookup));
    }

    private static String resourceRef(String name, String type, String lookup) {
        return """
                  <resource-ref>
                    <res-ref-name>%s</res-ref-name>
                    <res-type>%s</res-type>
                    <lookup-name>%s</lookup-name>
                  </resource-ref>
                """.formatted(name, type, lookup);
    }

    private static String webApp(String references) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                %s</web-app>
                """.formatted(references);
    }

    /**
     * GlassFish's {@code glassfish-resources.xml}: an application-scoped pool of the adapter's connection
     * definition (local transactions) bound as {@link AppServer#GLASSFISH}'s connection factory name.
     */
    static String glassfishResources() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE resources PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Resource Definitions//EN"
                    "http://glassfish.org/dtds/glassfish-resources_1_5.dtd">
                <resources>
                  <connector-connection-pool name="java:app/natsjms-pool" resource-adapter-name="%s"
                      connection-definition-name="jakarta.jms.ConnectionFactory" transaction-support="LocalTransaction"/>
                  <connector-resource jndi-name="%s" pool-name="java:app/natsjms-pool"/>
                </resources>
                """.formatted(ADAPTER, AppServer.GLASSFISH.connectionFactory());
    }

    /**
     * GlassFish's {@code glassfish-resources.xml} of the XA application: an XATransaction pool of the adapter's
     * connection definition and an XA data source of the bundled Java DB (Derby, embedded, in memory), bound
     * as {@link AppServer#GLASSFISH}'s XA factory and data source names.
     */
    static String glassfishXaResources() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE resources PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Resource Definitions//EN"
                    "http://glassfish.org/dtds/glassfish-resources_1_5.dtd">
                <resources>
                  <connector-connection-pool name="java:app/natsjms-xa-pool" resource-adapter-name="%s"
                      connection-definition-name="jakarta.jms.ConnectionFactory" transaction-support="XATransaction"/>
                  <connector-resource jndi-name="%s" pool-name="java:app/natsjms-xa-pool"/>
                  <jdbc-connection-pool name="java:app/natsjms-xa-db" res-type="javax.sql.XADataSource"
                      datasource-classname="org.apache.derby.jdbc.EmbeddedXADataSource">
                    <property name="databaseName" value="memory:natsjms-xa"/>
                    <property name="connectionAttributes" value=";create=true"/>
                  </jdbc-connection-pool>
                  <jdbc-resource jndi-name="%s" pool-name="java:app/natsjms-xa-db"/>
                </resources>
                """.formatted(ADAPTER, AppServer.GLASSFISH.xaConnectionFactory(), AppServer.GLASSFISH.xaDataSource());
    }
}
