package io.natsjms.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;

/** A bean that needs only the {@code ConnectionFactory}. */
@Dependent
public class FactoryHolder {

    @Inject
    ConnectionFactory factory;
}
