package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension on Weld SE without a server: which beans it adds, their scopes, and configuration errors
 * failing the deployment. The extension is found through META-INF/services (only the test that turns
 * discovery off adds it by hand).
 */
class NatsJmsCdiExtensionTest {

    @RegisterExtension
    final NatsjmsProperties properties = new NatsjmsProperties();

    @Test
    void addsAnApplicationScopedFactoryAndARequestScopedContext() {
        try (WeldContainer weld = new Weld().initialize()) {
            Bean<?> factory = bean(weld.getBeanManager(), ConnectionFactory.class);
            Bean<?> context = bean(weld.getBeanManager(), JMSContext.class);

            assertThat(factory.getBeanClass()).isEqualTo(NatsJmsCdiExtension.class);
            assertThat(factory.getScope()).isEqualTo(ApplicationScoped.class);
            assertThat(context.getBeanClass()).isEqualTo(NatsJmsCdiExtension.class);
            assertThat(context.getScope()).isEqualTo(RequestScoped.class);
        }
    }

    @Test
    void theContextScopeCanBeDependent() {
        properties.set("natsjms.cdi.jmsContext", "Dependent");
        try (WeldContainer weld = new Weld().initialize()) {
            assertThat(bean(weld.getBeanManager(), JMSContext.class).getScope()).isEqualTo(Dependent.class);
        }
    }

    @Test
    void theRequestScopedContextNeedsAnActiveRequest() {
        try (WeldContainer weld = new Weld().initialize()) {
            JMSContext proxy = weld.select(JMSContext.class).get();

            assertThatThrownBy(proxy::getClientID).isInstanceOf(ContextNotActiveException.class);
        }
    }

    @Test
    void aBadPropertyValueFailsTheDeploymentNamingIt() {
        properties.set("natsjms.ackWait", "0");

        assertThatThrownBy(() -> new Weld().initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasStackTraceContaining("natsjms.ackWait: 0 (expected: whole seconds, >= 1)");
    }

    @Test
    void aBadScopeFailsTheDeploymentNamingIt() {
        properties.set("natsjms.cdi.jmsContext", "session");

        assertThatThrownBy(() -> new Weld().initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasStackTraceContaining("natsjms.cdi.jmsContext: \"session\" (expected: request, dependent, none)");
    }

    @Test
    void anUnknownNameInTheFileFailsTheDeployment(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("natsjms.properties"), "natsjms.clusterID=prod\n");
        properties.set("natsjms.config", file.toString());

        assertThatThrownBy(() -> new Weld().initialize().close())
                .isInstanceOf(DefinitionException.class)
                .hasStackTraceContaining("natsjms.clusterID in " + file + ": unknown property");
    }

    @Test
    void nothingIsConfiguredWhenTheApplicationSuppliesBothBeans(@TempDir Path dir) {
        properties.set("natsjms.config", dir.resolve("missing.properties").toString());
        properties.set("natsjms.ackWait", "0");
        try (WeldContainer weld = new Weld()
                .addBeanClasses(ApplicationFactoryProducer.class, ApplicationContextProducer.class).initialize()) {
            assertThat(bean(weld.getBeanManager(), ConnectionFactory.class).getBeanClass())
                    .isEqualTo(ApplicationFactoryProducer.class);
            assertThat(bean(weld.getBeanManager(), JMSContext.class).getBeanClass())
                    .isEqualTo(ApplicationContextProducer.class);
        }
    }

    @Test
    void noDefaultContextWhenConfiguredSo() {
        properties.set("natsjms.cdi.jmsContext", "none");
        // without discovery (the test beans would need a JMSContext) Weld loads no service extensions either
        try (WeldContainer weld = new Weld().disableDiscovery().addExtension(new NatsJmsCdiExtension())
                .addBeanClass(FactoryHolder.class).initialize()) {
            assertThat(weld.select(FactoryHolder.class).get().factory).isNotNull();
            assertThat(weld.getBeanManager().getBeans(JMSContext.class)).isEmpty();
            assertThat(bean(weld.getBeanManager(), ConnectionFactory.class).getBeanClass())
                    .isEqualTo(NatsJmsCdiExtension.class);
        }
    }

    @Test
    void aContextBeanAddedLateByAContainerIsNotSeen() {
        assertThatThrownBy(() -> new Weld().addExtension(new LateJmsContextExtension()).initialize().close())
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Ambiguous dependencies")
                .hasMessageContaining("JMSContext");
    }

    @Test
    void aContainersLateContextBeanIsUsedWhenTheDefaultIsTurnedOff() {
        properties.set("natsjms.cdi.jmsContext", "none");
        try (WeldContainer weld = new Weld().addExtension(new LateJmsContextExtension()).initialize()) {
            assertThat(bean(weld.getBeanManager(), JMSContext.class).getBeanClass())
                    .isEqualTo(LateJmsContextExtension.class);
        }
    }

    /** The one bean of {@code type} with the default qualifier (resolve fails when there are several). */
    private static Bean<?> bean(BeanManager beans, Class<?> type) {
        return beans.resolve(beans.getBeans(type));
    }
}
