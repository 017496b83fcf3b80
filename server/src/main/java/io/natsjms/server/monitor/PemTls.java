package io.natsjms.server.monitor;

import io.natsjms.server.config.MonitorConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS context of the HTTPS monitoring port, from a PEM certificate (chain) and its PEM private
 * key, the files nats-server and most tools use. The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}:
 * RSA, EC, Ed25519) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), unencrypted.
 */
final class PemTls {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    /** The algorithms a PKCS#8 key may be for. */
    private static final String[] ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};

    private PemTls() {
    }

    /**
     * Reads both files and builds a server context.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    static SSLContext context(MonitorConfig.Tls tls) throws IOException {
        Certificate[] chain = certificates(tls.certFile());
        PrivateKey key = privateKey(tls.keyFile());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("monitor", key, password, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("monitor_tls: the key in " + tls.keyFile() + " does not go with the certificate in "
                    + tls.certFile() + " (" + e.getMessage() + ")", e);
        }
    }

    private static Certificate[] certificates(Path file) throws IOException {
        byte[] bytes = read(file, "cert_file");
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (certificates.isEmpty()) {
                throw new IOException("monitor_tls: cert_file " + file + " holds no certificate (expected: PEM,"
                        + " BEGIN CERTIFICATE)");
            }
            return certificates.toArray(new Certificate[0]);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("monitor_tls: cert_file " + file + " can't be read as PEM certificates ("
                    + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text = new String(read(file, "key_file"), StandardCharsets.US_ASCII);
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            String type = pem.group(1);
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(Pkcs1.toPkcs8(der), file);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException("monitor_tls: key_file " + file + " is encrypted (expected: an unencrypted"
                            + " key; decrypt it with openssl pkcs8 -in KEY -out KEY.pem)");
                default:
                    if (type.endsWith("PRIVATE KEY")) {
                        throw new IOException("monitor_tls: key_file " + file + " holds a " + type + " (expected:"
                                + " PRIVATE KEY or RSA PRIVATE KEY; convert with openssl pkcs8 -topk8 -nocrypt)");
                    }
            }
        }
        throw new IOException("monitor_tls: key_file " + file + " holds no PEM private key (expected: BEGIN PRIVATE KEY"
                + " or BEGIN RSA PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IOException("monitor_tls: key_file " + file + " holds a key of no supported algorithm (expected:"
                + " RSA, EC or Ed25519)");
    }

    private static byte[] read(Path file, String key) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("monitor_tls: " + key + " " + file + " can't be read (" + e + ")", e);
        }
    }
}
