package io.natsjms.server.monitor;

import io.natsjms.server.config.MonitorConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed RSA certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's
 * {@code keytool} in a directory of the test's, written as the PEM files an operator would have:
 * the certificate, its key as PKCS#8 and as PKCS#1.
 */
final class TestCertificates {

    final Path certFile;
    final Path pkcs8KeyFile;
    final Path pkcs1KeyFile;
    final X509Certificate certificate;

    private TestCertificates(Path certFile, Path pkcs8KeyFile, Path pkcs1KeyFile, X509Certificate certificate) {
        this.certFile = certFile;
        this.pkcs8KeyFile = pkcs8KeyFile;
        this.pkcs1KeyFile = pkcs1KeyFile;
        this.certificate = certificate;
    }

    static TestCertificates create(Path dir) throws Exception {
        Path store = dir.resolve("monitor.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "monitor", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
                "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey("monitor", "changeit".toCharArray());
        Certificate certificate = keys.getCertificate("monitor");
        Path cert = dir.resolve("monitor-cert.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Path pkcs8 = dir.resolve("monitor-key.pem");
        Files.writeString(pkcs8, pem("PRIVATE KEY", key.getEncoded()));
        Path pkcs1 = dir.resolve("monitor-key-rsa.pem");
        Files.writeString(pkcs1, pem("RSA PRIVATE KEY", pkcs1Of(key.getEncoded())));
        return new TestCertificates(cert, pkcs8, pkcs1, (X509Certificate) certificate);
    }

    MonitorConfig.Tls tls(Path keyFile) {
        return new MonitorConfig.Tls(certFile, keyFile);
    }

    /** A client context that trusts this certificate only. */
    SSLContext trustingClient() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("monitor", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The PKCS#1 key inside a PKCS#8 one: the content of its last element, the OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int at = headerLength(pkcs8, 0); // into the outer SEQUENCE
        at = skip(pkcs8, at); // version
        at = skip(pkcs8, at); // algorithm
        int content = headerLength(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, content, content + length(pkcs8, at));
    }

    private static int skip(byte[] der, int at) {
        return headerLength(der, at) + length(der, at);
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    private static int length(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length;
    }
}
