package io.natsjms.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * An application's own JMSContext producer (CLIENT_ACKNOWLEDGE) over whichever ConnectionFactory is
 * injectable. Not a discovered bean: the tests that want it add it to their container.
 */
public class ApplicationContextProducer {

    @Produces
    @RequestScoped
    JMSContext context(ConnectionFactory factory) {
        return factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
    }

    void close(@Disposes JMSContext context) {
        context.close();
    }
}
