package io.dockerdebug.docker;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The TLS context for an endpoint, built like the docker CLI: ca.pem to verify the engine
 * (verification off: any certificate), cert.pem + key.pem as the client certificate when both
 * are there. Used by both docker-java's transport and our own raw stream.
 */
final class Tls {
    private Tls() {
    }

    static SSLContext context(DockerEndpoint endpoint) {
        Path dir = endpoint.tlsCertDir();
        DockerEndpoint.TlsFiles named = endpoint.tlsFiles();
        // A file named one by one is used exactly (and must be there); else the usual name in the directory.
        Path ca = named != null && named.caCert() != null ? named.caCert() : dir == null ? null : dir.resolve("ca.pem");
        Path cert = named != null && named.cert() != null ? named.cert() : dir == null ? null : dir.resolve("cert.pem");
        Path key = named != null && named.key() != null ? named.key() : dir == null ? null : dir.resolve("key.pem");
        boolean namedCa = named != null && named.caCert() != null;
        boolean namedPair = named != null && (named.cert() != null || named.key() != null);
        try {
            TrustManager[] trust;
            if (!endpoint.tlsVerify()) {
                trust = new TrustManager[] {new TrustAll()};
            } else if (ca != null && (namedCa || Files.exists(ca))) {
                KeyStore ts = PemKeys.trustStore(read(ca));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                trust = tmf.getTrustManagers();
            } else {
                trust = null; // the system's trusted roots
            }
            KeyManager[] keys = null;
            if (cert != null && key != null && (namedPair || Files.exists(cert) && Files.exists(key))) {
                KeyStore ks = PemKeys.keyStore(read(key), read(cert), "docker".toCharArray());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, "docker".toCharArray());
                keys = kmf.getKeyManagers();
            } else if (endpoint.tlsVerify() && dir != null && !namedCa && !Files.exists(ca)) {
                throw new EngineException(0, "TLS for " + endpoint.host() + ": no ca.pem, cert.pem and key.pem in " + dir);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (NoSuchFileException e) {
            throw new EngineException("TLS for " + endpoint.host() + ": cannot read " + e.getFile(), e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof EngineException ee) {
                throw ee;
            }
            throw new EngineException("TLS for " + endpoint.host() + ": cannot load the certificates in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII);
    }

    /** SkipTLSVerify / --tls without --tlsverify: encryption without checking who answers. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
