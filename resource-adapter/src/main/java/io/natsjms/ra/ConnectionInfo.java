package io.natsjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnectionMetaData;

/** What a managed connection tells the container about itself. */
final class ConnectionInfo implements ManagedConnectionMetaData {

    private final Connection physical;
    private final Credentials credentials;

    ConnectionInfo(Connection physical, Credentials credentials) {
        this.physical = physical;
        this.credentials = credentials;
    }

    @Override
    public String getEISProductName() throws ResourceException {
        try {
            return physical.getMetaData().getJMSProviderName();
        } catch (JMSException e) {
            throw new ResourceException("connection metadata: " + e.getMessage(), e);
        }
    }

    @Override
    public String getEISProductVersion() throws ResourceException {
        try {
            return physical.getMetaData().getProviderVersion();
        } catch (JMSException e) {
            throw new ResourceException("connection metadata: " + e.getMessage(), e);
        }
    }

    /** No limit from this side. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return credentials == null ? null : credentials.user();
    }
}
