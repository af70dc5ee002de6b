package io.dockerdebug.docker;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys and certificates as OpenSSL writes them (PKCS#8, PKCS#1, SEC1), read without BouncyCastle. */
class PemKeysTest {
    @TempDir
    Path dir;

    private String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Generates a key of the given kind and a self-signed certificate for it. */
    private void keyAndCert(String kind) throws Exception {
        switch (kind) {
            case "pkcs8-rsa" -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
            case "pkcs1-rsa" -> openssl("genrsa", "-traditional", "-out", "key.pem", "2048");
            case "sec1-ec" -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem");
            case "pkcs8-ec" -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "key.pem");
            default -> throw new IllegalArgumentException(kind);
        }
        openssl("req", "-x509", "-key", "key.pem", "-subj", "/CN=pem-test", "-days", "1", "-out", "cert.pem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs8-rsa", "pkcs1-rsa", "sec1-ec", "pkcs8-ec"})
    void theKeyStoreHoldsTheKeyThatMatchesTheCertificate(String kind) throws Exception {
        keyAndCert(kind);
        String keyPem = Files.readString(dir.resolve("key.pem"));
        String certPem = Files.readString(dir.resolve("cert.pem"));
        KeyStore ks = PemKeys.keyStore(keyPem, certPem, "pw".toCharArray());
        PrivateKey key = (PrivateKey) ks.getKey("client", "pw".toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate("client");
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update("hello".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(signature), kind + ": the key does not match its certificate");
    }

    @Test
    void aTrustStoreHoldsEveryCertificateOfTheFile() throws Exception {
        keyAndCert("pkcs8-rsa");
        String one = Files.readString(dir.resolve("cert.pem"));
        keyAndCert("sec1-ec");
        String two = Files.readString(dir.resolve("cert.pem"));
        assertEquals(2, PemKeys.trustStore(one + two).size());
    }

    @Test
    void encryptedOrMissingKeysAreRefused() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass", "pass:secret",
                "-out", "enc.pem");
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> PemKeys.privateKey(Files.readString(dir.resolve("enc.pem"))));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
        assertThrows(GeneralSecurityException.class, () -> PemKeys.privateKey("not a key"));
        assertThrows(GeneralSecurityException.class, () -> PemKeys.trustStore("no certificate"));
    }
}
