package io.natsjms.arquillian;

import io.natsjms.arquillian.app.OutboundSender;
import io.natsjms.arquillian.app.Recorder;
import io.natsjms.arquillian.app.RecordsServlet;
import io.natsjms.arquillian.app.Texts;
import io.natsjms.arquillian.app.XaLedger;
import io.natsjms.arquillian.app.XaRowMdb;
import io.natsjms.arquillian.app.XaSender;
import io.natsjms.arquillian.app.XaServlet;
import jakarta.ejb.MessageDriven;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test deployments: the rar and the example applications the build produced, and small web
 * applications holding some of the beans of {@code io.natsjms.arquillian.app} plus the {@link Recorder} and
 * its servlet, with the descriptors that bind them on the current {@link AppServer}.
 */
final class TestApp {

    private final String name;
    private final List<Class<?>> classes = new ArrayList<>(List.of(Recorder.class, RecordsServlet.class,
            Texts.class));
    private boolean outbound;
    private boolean xa;

    private TestApp(String name) {
        this.name = name;
    }

    /** A web application deployed as {@code <name>.war} (context root {@code /<name>}). */
    static TestApp named(String name) {
        return new TestApp(name);
    }

    /** The natsjms rar from {@code natsjms.it.deployments}, deployed under its module name. */
    static ResourceAdapterArchive adapter() {
        return ShrinkWrap.create(ZipImporter.class, Descriptors.ADAPTER + ".rar")
                .importFrom(built("natsjms-resource-adapter.rar")).as(ResourceAdapterArchive.class);
    }

    /**
     * The example application {@code io.natsjms:natsjms-example-<name>} from {@code natsjms.it.deployments},
     * deployed as {@code <name>.war} (context root {@code /<name>}) as its README says.
     */
    static WebArchive example(String name) {
        return ShrinkWrap.create(ZipImporter.class, name + ".war").importFrom(built("natsjms-example-" + name + ".war"))
                .as(WebArchive.class);
    }

    private static File built(String fileName) {
        File file = new File(System.getProperty("natsjms.it.deployments"), fileName);
        if (!file.isFile()) {
            throw new IllegalStateException("natsjms.it.deployments: no " + file
                    + " (expected: copied there by the build)");
        }
        return file;
    }

    /** Adds beans and helpers; message-driven beans among them are bound to the adapter. */
    TestApp with(Class<?>... more) {
        classes.addAll(List.of(more));
        return this;
    }

    /** Adds the {@link OutboundSender} and maps its connection factory reference for the current server. */
    TestApp outbound(Class<?>... more) {
        outbound = true;
        return with(OutboundSender.class).with(more);
    }

    /**
     * Adds the XA beans ({@link XaLedger}, {@link XaRowMdb}, {@link XaSender}, {@link XaServlet}) and maps
     * their connection factory and data source references for the current server.
     */
    TestApp xa() {
        xa = true;
        return with(XaLedger.class, XaRowMdb.class, XaSender.class, XaServlet.class);
    }

    WebArchive build() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes.toArray(Class<?>[]::new));
        List<String> mdbs = classes.stream().filter(c -> c.isAnnotationPresent(MessageDriven.class))
                .map(Class::getSimpleName).toList();
        if (!mdbs.isEmpty()) {
            war.addAsWebInfResource(new StringAsset(Descriptors.jbossEjb3(mdbs)), "jboss-ejb3.xml")
                    .addAsWebInfResource(new StringAsset(Descriptors.glassfishEjbJar(mdbs)), "glassfish-ejb-jar.xml")
                    .addAsWebInfResource(new StringAsset(Descriptors.libertyEjbJarBnd(mdbs)), "ibm-ejb-jar-bnd.xml");
        }
        if (xa) {
            AppServer server = AppServer.current();
            war.setWebXML(new StringAsset(Descriptors.xaWebXml(XaSender.FACTORY, server.xaConnectionFactory(),
                    XaLedger.DATA_SOURCE, server.xaDataSource())));
            war.addAsWebInfResource(new StringAsset(Descriptors.glassfishXaResources()), "glassfish-resources.xml");
        } else if (outbound) {
            war.setWebXML(new StringAsset(Descriptors.webXml(OutboundSender.FACTORY,
                    AppServer.current().connectionFactory())));
            war.addAsWebInfResource(new StringAsset(Descriptors.glassfishResources()), "glassfish-resources.xml");
        }
        return war;
    }
}
