package io.natsjms.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.System.Logger.Level;

/**
 * Makes {@code @Inject ConnectionFactory} and {@code @Inject JMSContext} work in any CDI container, with a
 * default only where the application has none.
 *
 * <p>CDI has no "default bean" that yields to an application's bean, so this extension decides: it watches
 * every bean the container discovers, and after discovery adds
 * <ul>
 *   <li>an {@code @ApplicationScoped ConnectionFactory}, a {@code NatsConnectionFactory} configured from
 *       the {@code natsjms.*} system properties and the {@code natsjms.properties} file, unless a
 *       {@code @Default} bean of type {@code ConnectionFactory} exists;</li>
 *   <li>a {@code JMSContext} from {@code createContext()} of whichever {@code ConnectionFactory} bean is
 *       injectable (the application's or the default one), {@code @RequestScoped} unless
 *       {@code natsjms.cdi.jmsContext} says {@code dependent} (or {@code none}: no such bean), and closed
 *       when its scope ends, unless a {@code @Default} bean of type {@code JMSContext} exists.</li>
 * </ul>
 * An application that produces its own bean therefore never meets an ambiguous resolution. Beans that
 * another extension adds in its own {@code AfterBeanDiscovery} observer are announced too late to be seen
 * (GlassFish adds its {@code JMSContext} so): there, {@code natsjms.cdi.jmsContext=none}. A bad
 * configuration fails the deployment, naming the property.
 *
 * <p>Registered in {@code META-INF/services}; the container instantiates it.
 */
public final class NatsJmsCdiExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(NatsJmsCdiExtension.class.getName());

    // ProcessBean may be fired from several threads (Weld's concurrent deployment); only ever set to true
    private volatile boolean applicationFactory;
    private volatile boolean applicationContext;

    /** For the container's service loader. */
    public NatsJmsCdiExtension() {
    }

    void notice(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getQualifiers().stream().noneMatch(q -> q.annotationType() == Default.class)) {
            return;
        }
        if (bean.getTypes().contains(ConnectionFactory.class)) {
            applicationFactory = true;
        }
        if (bean.getTypes().contains(JMSContext.class)) {
            applicationContext = true;
        }
    }

    void addDefaults(@Observes AfterBeanDiscovery event) {
        if (applicationFactory && applicationContext) {
            LOG.log(Level.DEBUG, "the application supplies ConnectionFactory and JMSContext: no default beans");
            return;
        }
        try {
            CdiConfig config = CdiConfig.load(System.getProperties(), classLoader());
            if (!applicationFactory) {
                addConnectionFactory(event, config);
            }
            if (!applicationContext) {
                config.jmsContext().scope().ifPresent(scope -> addJmsContext(event, scope));
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            event.addDefinitionError(e);
        }
    }

    private static void addConnectionFactory(AfterBeanDiscovery event, CdiConfig config) {
        ConnectionFactory factory = config.newConnectionFactory();
        event.<ConnectionFactory>addBean()
                .id(NatsJmsCdiExtension.class.getName() + ".ConnectionFactory")
                .types(ConnectionFactory.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .createWith(creationalContext -> factory);
        LOG.log(Level.DEBUG, () -> "default ConnectionFactory bean: " + factory);
    }

    private static void addJmsContext(AfterBeanDiscovery event, Class<? extends Annotation> scope) {
        event.<JMSContext>addBean()
                .id(NatsJmsCdiExtension.class.getName() + ".JMSContext")
                .types(JMSContext.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(scope)
                .produceWith(beans -> beans.select(ConnectionFactory.class).get().createContext())
                .disposeWith((context, beans) -> close(context));
        LOG.log(Level.DEBUG, () -> "default JMSContext bean, scope @" + scope.getSimpleName());
    }

    private static void close(JMSContext context) {
        try {
            context.close();
        } catch (JMSRuntimeException e) {
            LOG.log(Level.WARNING, "closing the JMSContext at the end of its scope failed: " + e.getMessage(), e);
        }
    }

    /** The application's loader in a container (the deployment's thread context), else this module's. */
    private static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : NatsJmsCdiExtension.class.getClassLoader();
    }
}
