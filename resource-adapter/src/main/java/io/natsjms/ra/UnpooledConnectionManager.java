package io.natsjms.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.lang.System.Logger.Level;

/**
 * The connection manager of a factory used outside a container (JCA's non-managed environment): every
 * connection is a new physical connection, closed with its handle. No pooling, no transactions.
 */
final class UnpooledConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(UnpooledConnectionManager.class.getName());

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info) throws ResourceException {
        ManagedConnection managed = factory.createManagedConnection(null, info);
        managed.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                destroy(managed);
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                destroy(managed);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
                // not used: there is no container transaction here
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
                // not used
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
                // not used
            }
        });
        try {
            return managed.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            destroy(managed);
            throw e;
        }
    }

    private static void destroy(ManagedConnection managed) {
        try {
            managed.destroy();
        } catch (ResourceException e) {
            LOG.log(Level.DEBUG, "closing an unpooled connection: {0}", e.getMessage());
        }
    }
}
