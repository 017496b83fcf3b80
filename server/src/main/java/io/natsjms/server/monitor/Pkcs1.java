package io.natsjms.server.monitor;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 RSA private key ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa -traditional}
 * writes) into the PKCS#8 structure the JDK reads: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier
 * rsaEncryption, OCTET STRING pkcs1 }}.
 */
final class Pkcs1 {

    /** {@code SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }}. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Pkcs1() {
    }

    static byte[] toPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(VERSION_0);
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 4);
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** A DER length: short form below 128, else the number of length bytes, then the length big-endian. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
