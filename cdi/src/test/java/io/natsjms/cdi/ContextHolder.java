package io.natsjms.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;

/** A dependent bean with an injected {@code JMSContext}, destroyed by the test that made it. */
@Dependent
public class ContextHolder {

    @Inject
    JMSContext context;

    /** The injected context (the instance itself when it is dependent, else a client proxy). */
    public JMSContext context() {
        return context;
    }
}
