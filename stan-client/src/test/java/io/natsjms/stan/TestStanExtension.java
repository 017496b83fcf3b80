package io.natsjms.stan;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands each test a fresh {@link TestStan} and closes it (connections, then server) after the test. */
final class TestStanExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestStanExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStan.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestStan.class, k -> new TestStan(), TestStan.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestStan stan = context.getStore(NAMESPACE).remove(TestStan.class, TestStan.class);
        if (stan != null) {
            stan.close();
        }
    }
}
