package io.natsjms.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Stands for a container that adds its own {@code JMSContext} bean from its {@code AfterBeanDiscovery}
 * observer, as GlassFish does. Added to the container by hand by the tests that want it.
 */
public class LateJmsContextExtension implements Extension {

    void addContext(@Observes AfterBeanDiscovery event) {
        event.<JMSContext>addBean()
                .beanClass(LateJmsContextExtension.class)
                .types(JMSContext.class, Object.class)
                .scope(RequestScoped.class)
                .produceWith(beans -> beans.select(ConnectionFactory.class).get().createContext())
                .disposeWith((context, beans) -> context.close());
    }
}
