package io.natsjms.jms;

import io.natsjms.server.config.StoreType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each {@link ClassicTest} once per store it names: every invocation gets its own
 * {@link ClassicServer}, closed (connections, server, data directory) after the invocation.
 */
final class ClassicServerExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClassicServerExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .filter(method -> AnnotationSupport.isAnnotated(method, ClassicTest.class)).isPresent();
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ClassicTest test = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), ClassicTest.class)
                .orElseThrow();
        return Arrays.stream(test.stores()).map(OnStore::new);
    }

    /** One invocation: a display name and the server of its store. */
    private record OnStore(StoreType store) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + store.providerName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ServerResolver(store));
        }
    }

    /** Hands the invocation its server and closes it afterwards. */
    private record ServerResolver(StoreType store) implements ParameterResolver, AfterEachCallback {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ClassicServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(ClassicServer.class,
                    key -> new ClassicServer(store), ClassicServer.class);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ClassicServer server = context.getStore(NAMESPACE).remove(ClassicServer.class, ClassicServer.class);
            if (server != null) {
                server.close();
            }
        }
    }
}
