package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docker dbg --tlscacert real-ca.pem} trusts exactly that CA: with a stranger's ca.pem
 * beside it, an engine whose certificate the stranger signed is refused (it was trusted when the
 * plugin turned the option into DOCKER_CERT_PATH=dirname). Certificates made with openssl, as
 * scripts/test-servers.sh makes the test servers' own.
 */
class NamedTlsFilesTest {
    @TempDir
    Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
    }

    private void ca(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", name + "-key.pem", "-out", name + ".pem");
    }

    /** A TLS server on loopback whose certificate the stranger CA signed, answering one HTTP call per connection. */
    private SSLServerSocket strangerEngine() throws Exception {
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server-key.pem",
                "-out", "server.csr");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "stranger.pem", "-CAkey", "stranger-key.pem",
                "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "server.pem");
        KeyStore ks = PemKeys.keyStore(Files.readString(dir.resolve("server-key.pem")),
                Files.readString(dir.resolve("server.pem")), "x".toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s) {
                            EngineHttp.readLine(s.getInputStream());
                            for (String h = EngineHttp.readLine(s.getInputStream()); h != null && !h.isEmpty();
                                 h = EngineHttp.readLine(s.getInputStream())) {
                                // the request's head
                            }
                            OutputStream out = s.getOutputStream();
                            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        } catch (IOException e) {
                            // refused by the client
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static int list(Map<String, String> env, int port) {
        DockerEndpoint endpoint = DockerEndpoint.fromHost("tcp://127.0.0.1:" + port, env, "test");
        endpoint = new DockerEndpoint(endpoint.host(), endpoint.tls(), endpoint.tlsCertDir(), endpoint.tlsVerify(), "1.41",
                endpoint.source(), endpoint.tlsFiles());
        try (HttpDockerEngine engine = new HttpDockerEngine(endpoint, Duration.ofSeconds(30), null)) {
            return engine.listContainers(ContainerFilter.labels(Map.of("a", "b"))).size();
        }
    }

    @Test
    void theNamedCaIsTrustedNotTheCaPemBesideIt() throws Exception {
        ca("real-ca");
        ca("stranger");
        Files.copy(dir.resolve("stranger.pem"), dir.resolve("ca.pem"));
        try (SSLServerSocket server = strangerEngine()) {
            int port = server.getLocalPort();
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                // The folder's ca.pem is the stranger's: through the folder, the stranger engine is trusted
                // (which shows the server is the stranger's, and that the check below can fail).
                assertEquals(0, list(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString()), port));
                // Named one by one, real-ca.pem is what is trusted: the stranger engine is refused.
                Map<String, String> env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString(),
                        DockerEndpoint.ENV_CACERT, dir.resolve("real-ca.pem").toString());
                EngineException e = assertThrows(EngineException.class, () -> list(env, port));
                assertTrue(e.getMessage().contains("TLS"), e.getMessage());
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            });
        }
    }

    @Test
    void aNamedFileThatIsNotThereIsOneLine() {
        Map<String, String> env = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.toString(),
                DockerEndpoint.ENV_CACERT, dir.resolve("missing-ca.pem").toString());
        EngineException e = assertThrows(EngineException.class, () -> list(env, 1));
        assertTrue(e.getMessage().contains("missing-ca.pem"), e.getMessage());
    }
}
