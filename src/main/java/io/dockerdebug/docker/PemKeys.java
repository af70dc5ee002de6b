package io.dockerdebug.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files of a Docker TLS directory (ca.pem, cert.pem, key.pem) read with the JDK alone:
 * certificates through {@link CertificateFactory}; keys as PKCS#8 ({@code PRIVATE KEY}, what
 * OpenSSL 3 writes), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), the
 * last two wrapped into PKCS#8 here. Encrypted keys are refused, as the docker CLI does.
 */
public final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** 1.2.840.113549.1.1.1 rsaEncryption, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** 1.2.840.10045.2.1 id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemKeys() {
    }

    /** A trust store holding every certificate of {@code pem}. */
    static KeyStore trustStore(String pem) throws GeneralSecurityException {
        KeyStore ks = emptyStore();
        int i = 0;
        for (Certificate c : certificates(pem)) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    /** A key store with the client key and its certificate chain, protected by {@code password}. */
    public static KeyStore keyStore(String keyPem, String certPem, char[] password) throws GeneralSecurityException {
        KeyStore ks = emptyStore();
        ks.setKeyEntry("client", privateKey(keyPem), password, certificates(certPem).toArray(new Certificate[0]));
        return ks;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static java.util.Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        var certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the PEM file");
        }
        return certs;
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("the " + type + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                            pkcs8Wrap(RSA_ALGORITHM, der)));
                case "EC PRIVATE KEY":
                    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                            pkcs8Wrap(sequence(EC_PUBLIC_KEY_OID, sec1Curve(der)), der)));
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("the private key is encrypted");
                default:
                    // EC PARAMETERS and other blocks before the key
            }
        }
        throw new GeneralSecurityException("no private key in the PEM file");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // another algorithm's key
            }
        }
        throw new GeneralSecurityException("unsupported private key type");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] pkcs8Wrap(byte[] algorithm, byte[] key) {
        return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key));
    }

    /**
     * The named curve of an ECPrivateKey ::= SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }:
     * the OID element, tag and length included.
     */
    private static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
        Der outer = new Der(der, 0);
        if (outer.tag != 0x30) {
            throw new GeneralSecurityException("the EC private key is not a DER sequence");
        }
        int p = outer.start;
        while (p < outer.end) {
            Der e = new Der(der, p);
            if (e.tag == 0xa0) {
                Der oid = new Der(der, e.start);
                if (oid.tag != 0x06) {
                    break;
                }
                return java.util.Arrays.copyOfRange(der, e.start, oid.end);
            }
            p = e.end;
        }
        throw new GeneralSecurityException("the EC private key names no curve");
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** One DER element at {@code offset}: its tag and where its value starts and ends. */
    private static final class Der {
        final int tag;
        final int start;
        final int end;

        Der(byte[] der, int offset) throws GeneralSecurityException {
            if (offset + 2 > der.length) {
                throw new GeneralSecurityException("truncated DER in the private key");
            }
            tag = der[offset] & 0xff;
            int len = der[offset + 1] & 0xff;
            int p = offset + 2;
            if (len >= 0x80) {
                int bytes = len & 0x7f;
                if (bytes == 0 || bytes > 3 || p + bytes > der.length) {
                    throw new GeneralSecurityException("bad DER length in the private key");
                }
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (der[p++] & 0xff);
                }
            }
            start = p;
            end = p + len;
            if (end > der.length) {
                throw new GeneralSecurityException("truncated DER in the private key");
            }
        }
    }
}
