package io.natsjms.stan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Java key and trust stores of a TLS connection to NATS: the trust store holds the certificates the
 * server's certificate is verified with (without one, the JDK's default trust store is used), the key
 * store the client's own key and certificate, presented when the server requires client certificates.
 *
 * @param trustStore         path of the trust store, or {@code null}
 * @param trustStorePassword its password, or {@code null}
 * @param trustStoreType     its type ({@code PKCS12}, {@code JKS}), or {@code null} for the JDK's default
 * @param keyStore           path of the key store, or {@code null}
 * @param keyStorePassword   its password (also the key's), or {@code null}
 * @param keyStoreType       its type, or {@code null} for the JDK's default
 */
public record TlsStores(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
                        String keyStorePassword, String keyStoreType) {

    /** No stores: nothing to configure. */
    public static TlsStores none() {
        return new TlsStores(null, null, null, null, null, null);
    }

    /** Whether a trust store or a key store is set. */
    public boolean configured() {
        return trustStore != null || keyStore != null;
    }

    /**
     * A TLS context with these stores.
     *
     * @throws IllegalArgumentException naming the store that can't be read or opened, and why
     */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load("trustStore", trustStore, trustStorePassword, trustStoreType));
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load("keyStore", keyStore, keyStorePassword, keyStoreType),
                        keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: the stores can't be used (trustStore " + trustStore
                    + ", keyStore " + keyStore + "): " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String name, String path, String password, String type)
            throws GeneralSecurityException {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + ": \"" + path + "\" can't be read (expected: a readable "
                    + (type == null ? KeyStore.getDefaultType() : type) + " file)");
        }
        KeyStore store = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": \"" + path + "\" can't be opened as "
                    + store.getType() + " (" + e.getMessage() + "; expected: the right type and password)", e);
        }
        return store;
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "TlsStores[trustStore=" + trustStore + ", trustStoreType=" + trustStoreType + ", keyStore="
                + keyStore + ", keyStoreType=" + keyStoreType + "]";
    }
}
