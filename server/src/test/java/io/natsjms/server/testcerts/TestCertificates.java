package io.natsjms.server.testcerts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI for TLS tests, made with the JDK's {@code keytool} run as a process (no library
 * needed, and the same tool operators use for Java key and trust stores): a CA, a server certificate
 * for {@code localhost} / {@code 127.0.0.1} and a client certificate, both signed by the CA, and a
 * self-signed client certificate no CA vouches for. Every certificate and key is written as PEM (what
 * nats-server and the natsjms server read) and the client side also as PKCS#12 stores (what Java
 * clients read). EC P-256 keys, valid for two days.
 */
public final class TestCertificates {

    /** The password of every generated store. */
    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Made once per JVM by {@link #shared()}. */
    private static TestCertificates shared;

    /**
     * The certificates of this JVM's tests: generated on first use into a temporary directory that is
     * deleted when the JVM exits (keytool is slow on a loaded machine, so test classes share them).
     */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("natsjms-test-certs");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                shared = generate(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it up eventually
        }
        dir.toFile().delete();
    }

    /** Generates everything into {@code dir} (about 8 keytool runs). */
    public static TestCertificates generate(Path dir) {
        TestCertificates certs = new TestCertificates(dir);
        try {
            certs.make();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return certs;
    }

    private void make() throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=natsjms test CA", "-ext", "bc:c",
                "-keystore", path("ca.p12"));
        Certificate ca = store("ca.p12").getCertificate("ca");
        writePem("ca.pem", List.of(ca));
        signed("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth");
        signed("client", "CN=natsjms test client", null, "EKU=clientAuth");
        keytool("-genkeypair", "-alias", "rogue", "-dname", "CN=rogue client", "-keystore", path("rogue.p12"));
        writeKeyStore("rogue", store("rogue.p12").getCertificate("rogue"), store("rogue.p12").getKey("rogue",
                PASSWORD.toCharArray()), List.of(store("rogue.p12").getCertificate("rogue")));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        try (var out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    /** A key pair named {@code name}, its certificate signed by the CA; PEM files and a PKCS#12 store. */
    private void signed(String name, String dname, String san, String eku) throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", name, "-dname", dname, "-keystore", path(name + "-self.p12"));
        byte[] request = keytool("-certreq", "-alias", name, "-keystore", path(name + "-self.p12"));
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", path("ca.p12"), "-rfc",
                "-ext", eku));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        byte[] pem = keytool(request, sign.toArray(String[]::new));
        Certificate cert = CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem));
        Key key = store(name + "-self.p12").getKey(name, PASSWORD.toCharArray());
        writeKeyStore(name, cert, key, List.of(cert, store("ca.p12").getCertificate("ca")));
    }

    private void writeKeyStore(String name, Certificate cert, Key key, List<Certificate> chain)
            throws IOException, GeneralSecurityException {
        writePem(name + ".pem", List.of(cert));
        Files.writeString(dir.resolve(name + "-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
        try (var out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private void writePem(String file, List<Certificate> certs) throws IOException, GeneralSecurityException {
        StringBuilder text = new StringBuilder();
        for (Certificate cert : certs) {
            text.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(dir.resolve(file), text);
    }

    private KeyStore store(String file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private static byte[] keytool(String... args) throws IOException {
        return keytool(null, args);
    }

    /** Runs keytool with the common options; returns its standard output. */
    private static byte[] keytool(byte[] input, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-noprompt"));
        if (args[0].equals("-certreq") || args[0].equals("-gencert")) {
            // options -genkeypair alone takes
            command.removeAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
            if (args[0].equals("-certreq")) {
                command.removeAll(List.of("-validity", "2"));
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        if (input != null) {
            process.getOutputStream().write(input);
        }
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.toByteArray();
    }

    /** The CA's certificate (PEM). */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server's certificate (PEM), for localhost and 127.0.0.1. */
    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    /** The server's private key (PEM, PKCS#8). */
    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    /** The client's certificate (PEM), signed by the CA. */
    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    /** The client's private key (PEM, PKCS#8). */
    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    /** The client's key and certificate chain as a PKCS#12 store, password {@link #PASSWORD}. */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /** A self-signed client key and certificate (PKCS#12) that the CA did not sign. */
    public Path rogueKeyStore() {
        return dir.resolve("rogue.p12");
    }

    /** A PKCS#12 trust store holding the CA's certificate, password {@link #PASSWORD}. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** A client TLS context that trusts the CA and presents no certificate. */
    public SSLContext trustingContext() {
        return context(null);
    }

    /** A client TLS context that trusts the CA and presents the CA-signed client certificate. */
    public SSLContext clientContext() {
        return context(clientKeyStore());
    }

    /** A client TLS context that trusts the CA and presents the self-signed rogue certificate. */
    public SSLContext rogueContext() {
        return context(rogueKeyStore());
    }

    private SSLContext context(Path keyStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore()));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore == null ? null : load(keyStore), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyStore == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
