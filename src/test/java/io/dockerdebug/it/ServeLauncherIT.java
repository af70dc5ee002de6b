package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code docker-debug serve} through the launcher: the server's classes stay off the CLI's paths,
 * and stopping serve (SIGTERM, SIGKILL) leaves no sidecar.
 */
class ServeLauncherIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET)
            .afterStop(t -> Engine.awaitNoSidecarOf(t.id(), Duration.ofSeconds(30)));

    @Test
    void theCliPathsLoadNothingOfTheServer(@TempDir Path dir) throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.of("-i", TOOLBOX, target.id(), "true"))) {
            Path log = dir.resolve("classes-" + args.size() + ".log");
            ProcessBuilder pb = new ProcessBuilder(Engine.debug(args.toArray(String[]::new)))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DOCKER_DEBUG_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "docker-debug " + args + " did not end");
            assertEquals(0, p.exitValue(), "docker-debug " + args);
            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.size() > 100, "no class loading was logged: " + lines.size() + " lines");
            List<String> server = lines.stream()
                    .filter(l -> l.contains("org.eclipse.jetty") || l.contains("io.dockerdebug.server")).toList();
            assertEquals(List.of(), server, "docker-debug " + args + " loaded classes of the server");
        }
    }

    /** The URL of serve's first line, "docker-debug: serving on SCHEME://127.0.0.1:PORT/?token=…". */
    private static URI servingOn(Process serve, String scheme) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return err.readLine();
            } catch (Exception e) {
                return null;
            }
        });
        String first = line.get(120, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("docker-debug: serving on " + scheme + "://127.0.0.1:")) {
            serve.destroyForcibly();
            fail("serve said: " + first);
        }
        return URI.create(first.substring("docker-debug: serving on ".length()));
    }

    @Test
    void servesHttpsWithTheGivenCertificateAndKey(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Engine.Result made = Engine.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString()), null, 120);
        assertEquals(0, made.exitCode(), made.stderr());
        Engine.Result alone = Engine.run(Engine.debug("serve", "--tls-cert", cert.toString()), null, 60);
        assertEquals(125, alone.exitCode(), alone.stderr());
        assertTrue(alone.stderr().contains("--tls-key"), alone.stderr());

        Process serve = new ProcessBuilder(Engine.debug("serve", "--tls-cert", cert.toString(), "--tls-key", key.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI url = servingOn(serve, "https");
            String token = url.getQuery().substring("token=".length());
            String base = "https://" + url.getAuthority();
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> visit = https.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, visit.statusCode());
            String cookie = visit.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly"), cookie);
            HttpResponse<String> version = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/version"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "token " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, version.statusCode(), version.body());
            // Nothing in clear text on that port.
            int plain;
            try {
                plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + url.getAuthority()
                        + "/api/v1/version")).timeout(Duration.ofSeconds(30)).header("Authorization", "token " + token)
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                plain = -1;
            }
            assertTrue(plain != 200, "plain HTTP was answered " + plain);
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    /** A TLS context that trusts exactly this certificate. */
    private static javax.net.ssl.SSLContext trusting(Path cert) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("serve", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Starts serve, reads its URL line, creates and attaches a session; returns the process. */
    private static Process serveWithASession() throws Exception {
        Process serve = new ProcessBuilder(Engine.debug("serve")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI url = servingOn(serve, "http");
        String token = url.getQuery().substring("token=".length());
        String base = "http://" + url.getAuthority();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/engines/default/sessions"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target.id() + "\",\"image\":\"" + TOOLBOX + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String terminal = r.body().replaceAll(".*\"terminal\":\"([^\"]+)\".*", "$1");
        WsClient t = WsClient.open(http, base.replace("http", "ws") + terminal, "Authorization", "token " + token);
        t.type("echo attached\r");
        t.awaitScreen(s -> s.contains("attached\r\n"), "attached");
        assertEquals(1, Engine.sidecarsOf(target.id()).size());
        return serve;
    }

    @Test
    void sigtermEndsEverySessionAndRemovesTheSidecars() throws Exception {
        Process serve = serveWithASession();
        serve.destroy();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        assertEquals(List.of(), Engine.sidecarsOf(target.id()), "SIGTERM left a sidecar");
    }

    @Test
    void sigkillLeavesNoSidecarThroughTheDeadMansSwitch() throws Exception {
        Process serve = serveWithASession();
        serve.destroyForcibly();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(60));
    }
}
