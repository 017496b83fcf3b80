package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Beans the application supplies itself replace the defaults, without ambiguity. */
class ApplicationBeansIT {

    @RegisterExtension
    static final CdiTestServer SERVER = new CdiTestServer();

    @RegisterExtension
    final NatsjmsProperties properties = new NatsjmsProperties();

    @Test
    void theApplicationsConnectionFactoryWinsAndFeedsTheDefaultContext() {
        SERVER.configure(properties);
        properties.set("natsjms.clientId", "from-defaults");
        ApplicationFactoryProducer.url = SERVER.url();
        try (WeldContainer weld = new Weld().addBeanClass(ApplicationFactoryProducer.class).initialize()) {
            assertThat(beanClassOf(weld.getBeanManager(), ConnectionFactory.class))
                    .isEqualTo(ApplicationFactoryProducer.class);
            assertThat(beanClassOf(weld.getBeanManager(), JMSContext.class)).isEqualTo(NatsJmsCdiExtension.class);
            Mailbox mailbox = weld.select(Mailbox.class).get();

            assertThat(mailbox.clientId()).isEqualTo(ApplicationFactoryProducer.CLIENT_ID);
            mailbox.send("cdi-app-factory", "via the application's factory");
            assertThat(mailbox.receive("cdi-app-factory", 10_000)).isEqualTo("via the application's factory");
        }
    }

    @Test
    void theApplicationsContextWinsOverTheDefaultFactorysContext() {
        SERVER.configure(properties);
        try (WeldContainer weld = new Weld().addBeanClass(ApplicationContextProducer.class).initialize()) {
            assertThat(beanClassOf(weld.getBeanManager(), ConnectionFactory.class))
                    .isEqualTo(NatsJmsCdiExtension.class);
            assertThat(beanClassOf(weld.getBeanManager(), JMSContext.class))
                    .isEqualTo(ApplicationContextProducer.class);

            assertThat(weld.select(Mailbox.class).get().sessionMode()).isEqualTo(JMSContext.CLIENT_ACKNOWLEDGE);
        }
    }

    /** The class of the one bean of {@code type} (resolve fails when there are several). */
    private static Class<?> beanClassOf(BeanManager beans, Class<?> type) {
        Bean<?> bean = beans.resolve(beans.getBeans(type));
        return bean.getBeanClass();
    }
}
