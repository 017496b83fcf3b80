package io.natsjms.arquillian;

import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * On Open Liberty the resource adapter is not deployed by the tests but configured in the server's
 * {@code server.xml} (Liberty's Arquillian adapter deploys wars and ears only, and the adapter's connection
 * factories and activation specs live in {@code server.xml} anyway): there, this extension skips the
 * deployment and undeployment of a test's {@code .rar} archive. On the other servers it does nothing.
 */
public final class ServerConfiguredAdapter implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty("natsjms.it.server", "").equalsIgnoreCase(AppServer.LIBERTY.name())) {
            builder.observer(SkipRar.class);
        }
    }

    /** Lets every deployment but a {@code .rar} through. */
    public static final class SkipRar {

        public void deploy(@Observes EventContext<DeployDeployment> event) {
            if (!isRar(event.getEvent().getDeployment())) {
                event.proceed();
            }
        }

        public void undeploy(@Observes EventContext<UnDeployDeployment> event) {
            if (!isRar(event.getEvent().getDeployment())) {
                event.proceed();
            }
        }

        private static boolean isRar(Deployment deployment) {
            return deployment.getDescription().isArchiveDeployment()
                    && deployment.getDescription().getArchive().getName().endsWith(".rar");
        }
    }
}
