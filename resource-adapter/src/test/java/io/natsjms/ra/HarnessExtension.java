package io.natsjms.ra;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands each test a {@link Harness} on a fresh memory-store server and closes it after the test. */
final class HarnessExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HarnessExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Harness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Harness.class, key -> {
            try {
                return new Harness(TestServer.memory());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test server and adapter", e);
            }
        }, Harness.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Harness harness = context.getStore(NAMESPACE).remove(Harness.class, Harness.class);
        if (harness != null) {
            harness.close();
        }
    }
}
