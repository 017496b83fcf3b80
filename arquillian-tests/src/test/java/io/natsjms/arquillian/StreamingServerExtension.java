package io.natsjms.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the test JVM's {@link Streaming} server once for the whole run, on the port and cluster ID the
 * application server was configured with ({@code natsjms.it.natsPort}, {@code natsjms.it.clusterId}), and
 * hands it to test methods as a parameter. Register it before the Arquillian extension, so that the server
 * is up when Arquillian starts the application server and deploys the adapter.
 */
final class StreamingServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(StreamingServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        streaming(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Streaming.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return streaming(context);
    }

    private static Streaming streaming(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(start()), Running.class).streaming;
    }

    private static Streaming start() {
        int port = Integer.parseInt(required("natsjms.it.natsPort"));
        try {
            return Streaming.start(port, required("natsjms.it.clusterId"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the streaming server on port " + port, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + ": not set (expected: set by the build's Failsafe execution)");
        }
        return value;
    }

    /** Closes the server when JUnit closes the root store, at the end of the run. */
    private record Running(Streaming streaming) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            streaming.close();
        }
    }
}
