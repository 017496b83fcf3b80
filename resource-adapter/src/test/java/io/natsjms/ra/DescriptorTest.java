package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** ra.xml and ironjacamar.xml name classes and properties that exist, with the types the container needs. */
class DescriptorTest {

    private static final Path META_INF = Path.of("src/main/rar/META-INF");

    @Test
    void raXmlMatchesTheClasses() throws Exception {
        Element adapter = child(read("ra.xml").getDocumentElement(), "resourceadapter");

        Class<?> adapterClass = type(text(adapter, "resourceadapter-class"));
        assertThat(ResourceAdapter.class).isAssignableFrom(adapterClass);
        checkProperties(adapterClass, adapter);

        Element outbound = child(adapter, "outbound-resourceadapter");
        Element definition = child(outbound, "connection-definition");
        Class<?> managedFactory = type(text(definition, "managedconnectionfactory-class"));
        assertThat(ManagedConnectionFactory.class).isAssignableFrom(managedFactory);
        checkProperties(managedFactory, definition);
        assertThat(type(text(definition, "connectionfactory-interface")))
                .isAssignableFrom(type(text(definition, "connectionfactory-impl-class")));
        assertThat(type(text(definition, "connection-interface")))
                .isAssignableFrom(type(text(definition, "connection-impl-class")));
        assertThat(text(outbound, "transaction-support")).isEqualTo("XATransaction");
        assertThat(TransactionSupport.class.isAssignableFrom(managedFactory))
                .as("a TransactionSupport factory would override every pool's choice").isFalse();

        Element listener = child(child(child(adapter, "inbound-resourceadapter"), "messageadapter"), "messagelistener");
        assertThat(text(listener, "messagelistener-type")).isEqualTo("jakarta.jms.MessageListener");
        assertThat(ActivationSpec.class).isAssignableFrom(type(text(child(listener, "activationspec"), "activationspec-class")));

        List<Element> adminObjects = children(adapter, "adminobject");
        assertThat(adminObjects).hasSize(2);
        for (Element adminObject : adminObjects) {
            Class<?> adminClass = type(text(adminObject, "adminobject-class"));
            assertThat(type(text(adminObject, "adminobject-interface"))).isAssignableFrom(adminClass);
            assertThat(java.io.Serializable.class).isAssignableFrom(adminClass);
            checkProperties(adminClass, adminObject);
            assertThat(children(adminObject, "config-property")).extracting(p -> text(p, "config-property-name"))
                    .as("properties of %s", adminClass.getSimpleName()).contains("name", "channel");
        }
    }

    @Test
    void ironJacamarXmlNamesExistingClassesAndProperties() throws Exception {
        Element root = read("ironjacamar.xml").getDocumentElement();
        for (Element property : children(root, "config-property")) {
            setter(NatsResourceAdapter.class, property.getAttribute("name"));
        }
        Element definition = child(child(root, "connection-definitions"), "connection-definition");
        assertThat(ManagedConnectionFactory.class).isAssignableFrom(type(definition.getAttribute("class-name")));
        assertThat(text(root, "transaction-support")).isEqualTo("XATransaction");
        assertThat(children(definition, "xa-pool")).as("IronJacamar refuses a plain pool for XATransaction").hasSize(1);
        assertThat(children(definition, "pool")).isEmpty();
        assertThat(child(definition, "recovery").getAttribute("no-recovery")).isEqualTo("false");
        for (Element adminObject : children(child(root, "admin-objects"), "admin-object")) {
            Class<?> adminClass = type(adminObject.getAttribute("class-name"));
            for (Element property : children(adminObject, "config-property")) {
                setter(adminClass, property.getAttribute("name"));
            }
        }
    }

    @Test
    void activationSpecPropertiesAreBeanProperties() throws Exception {
        for (String name : List.of("destinationLookup", "destination", "destinationType", "subscriptionDurability",
                "subscriptionName", "clientId", "messageSelector", "acknowledgeMode", "maxSession", "startPosition",
                "maxInFlight", "ackWait", "maxRedeliveries", "deadLetterChannel", "reconnectInterval", "serverUrls",
                "clusterId", "user", "password")) {
            Method setter = setter(NatsActivationSpec.class, name);
            Method getter = NatsActivationSpec.class.getMethod("get" + capitalized(name));
            assertThat(getter.getReturnType()).isEqualTo(setter.getParameterTypes()[0]);
        }
    }

    private static void checkProperties(Class<?> type, Element owner) throws Exception {
        for (Element property : children(owner, "config-property")) {
            Method setter = setter(type, text(property, "config-property-name"));
            assertThat(setter.getParameterTypes()[0].getName()).isEqualTo(text(property, "config-property-type"));
            assertThat(type.getMethod("get" + capitalized(text(property, "config-property-name")))).isNotNull();
        }
    }

    private static Method setter(Class<?> type, String property) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getName().equals("set" + capitalized(property)) && method.getParameterCount() == 1
                    && Modifier.isPublic(method.getModifiers())) {
                return method;
            }
        }
        throw new AssertionError(type.getName() + " has no public setter for config-property " + property);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }

    private static Document read(String file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(META_INF.resolve(file).toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
