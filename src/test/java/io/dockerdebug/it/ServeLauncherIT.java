package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * What serve said when it started (its standard error, which the test sends to a file):
     * where it serves, the token for scripts, and the URL with a one-time code.
     */
    record Started(Process process, Path log, URI base, String token, String codeUrl) {
        String code() {
            return codeUrl.substring(codeUrl.indexOf("#code=") + "#code=".length(), codeUrl.indexOf(' '));
        }
    }

    /** Starts the launcher's serve with these arguments and extra environment (name, value, ...). */
    static Started startServe(Path dir, List<String> args, String... env) throws Exception {
        Path log = Files.createTempFile(dir, "serve-", ".log");
        ProcessBuilder pb = new ProcessBuilder(Engine.debug(args.toArray(String[]::new)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile());
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        try {
            String serving = awaitLine(p, log, "docker-debug: serving on ", 1);
            boolean tokenGiven = List.of(env).contains("DOCKER_DEBUG_SERVE_TOKEN");
            String scripts = tokenGiven ? null : awaitLine(p, log, "docker-debug: for scripts: ", 1);
            String open = args.contains("--open") ? null : awaitLine(p, log, "docker-debug: open ", 1);
            return new Started(p, log, URI.create(serving.substring("docker-debug: serving on ".length())),
                    scripts == null ? null : scripts.substring(scripts.lastIndexOf(' ') + 1),
                    open == null ? null : open.substring("docker-debug: open ".length()));
        } catch (Throwable t) {
            p.destroyForcibly();
            throw t;
        }
    }

    /** The {@code n}th line of the log that starts with {@code prefix}, once it is there. */
    static String awaitLine(Process p, Path log, String prefix, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).toList();
            if (lines.size() >= n) {
                return lines.get(n - 1);
            }
            if (!p.isAlive()) {
                fail("serve ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return fail("serve never said \"" + prefix + "\" (" + n + "): " + Files.readString(log));
    }

    static HttpResponse<String> redeem(HttpClient http, URI base, String code) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/code")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void enterOnServesTerminalPrintsAFreshCodeAndEachCodeWorksOnce(@TempDir Path dir) throws Exception {
        Started serve = startServe(dir, List.of("serve"));
        try {
            HttpClient http = HttpClient.newHttpClient();
            assertTrue(serve.codeUrl().startsWith(serve.base() + "#code="), serve.codeUrl());
            String first = serve.code();
            serve.process().getOutputStream().write('\n');
            serve.process().getOutputStream().flush();
            String second = awaitLine(serve.process(), serve.log(), "docker-debug: open ", 2);
            String fresh = second.substring(second.indexOf("#code=") + 6, second.indexOf(' ', second.indexOf("#code=")));
            assertTrue(!fresh.equals(first), second);
            assertEquals(401, redeem(http, serve.base(), first).statusCode(), "the replaced code still worked");
            HttpResponse<String> ok = redeem(http, serve.base(), fresh);
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains(serve.token()), ok.body());
            assertEquals(401, redeem(http, serve.base(), fresh).statusCode(), "a code worked twice");
        } finally {
            serve.process().destroy();
            assertTrue(serve.process().waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    @Test
    void openPutsNoCredentialInAnyProcesssArguments(@TempDir Path dir) throws Exception {
        // The "browser": an xdg-open first on PATH that records every process's arguments while it
        // runs, its own arguments, and what it was given to open.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opener = bin.resolve("xdg-open");
        Files.writeString(opener, "#!/bin/sh\nps -eo args > '" + dir.resolve("ps.txt") + "'\n"
                + "printf '%s\\n' \"$@\" > '" + dir.resolve("args.txt") + "'\n"
                + "f=${1#file://}\nstat -c %a \"$f\" > '" + dir.resolve("mode.txt") + "'\n"
                + "cp \"$f\" '" + dir.resolve("page.html") + "'\ntouch '" + dir.resolve("done") + "'\n");
        assertTrue(opener.toFile().setExecutable(true));
        Started serve = startServe(dir, List.of("serve", "--open"), "PATH", bin + ":" + System.getenv("PATH"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(dir.resolve("done")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(dir.resolve("done")), "serve --open never ran xdg-open: " + Files.readString(serve.log()));
            String page = Files.readString(dir.resolve("page.html"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("#code=([0-9a-f]+)").matcher(page);
            assertTrue(m.find(), page);
            String code = m.group(1);
            assertEquals("600", Files.readString(dir.resolve("mode.txt")).strip(), "the page that redirects is not 0600");
            for (String f : List.of("ps.txt", "args.txt")) {
                String text = Files.readString(dir.resolve(f));
                assertTrue(text.contains("docker-debug-serve-"), "the opener was not given the file: " + text);
                assertFalse(text.contains(serve.token()), f + " holds the token: " + text);
                assertFalse(text.contains(code), f + " holds the one-time code: " + text);
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = redeem(http, serve.base(), code);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(401, redeem(http, serve.base(), code).statusCode(), "the opened code worked twice");
        } finally {
            serve.process().destroy();
            assertTrue(serve.process().waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    @Test
    void debugLogsNoTokenCookieOrTerminalByte(@TempDir Path dir) throws Exception {
        String token = "secret-token-" + "0123456789abcdef".repeat(3);
        Started serve = startServe(dir, List.of("serve", "--debug"), "DOCKER_DEBUG_SERVE_TOKEN", token);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = serve.base().toString().replaceAll("/$", "");
            // What Jetty's debug loggers would print: a token in a URI, a cookie, the Authorization header, frames.
            http.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + token)).header("Cookie", "t=" + token)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            WsClient t = openTerminal(http, base, token);
            t.type("echo TOPSECRET\"\"PASSWORD\r");
            t.awaitScreen(s -> s.contains("TOPSECRETPASSWORD\r\n"), "the echo");
            t.type("exit\r");
            t.closed.get(60, TimeUnit.SECONDS);
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
        } finally {
            serve.process().destroy();
            assertTrue(serve.process().waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        String log = Files.readString(serve.log());
        assertTrue(log.contains("DEBUG"), "--debug logged nothing: " + log);
        assertFalse(log.contains(token), "--debug logged the token");
        assertFalse(log.contains("TOPSECRET"), "--debug logged what was typed in the terminal");
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

        Started started = startServe(dir, List.of("serve", "--tls-cert", cert.toString(), "--tls-key", key.toString()));
        Process serve = started.process();
        try {
            URI url = started.base();
            assertEquals("https", url.getScheme(), url.toString());
            String token = started.token();
            String base = "https://" + url.getAuthority();
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> redeemed = redeem(https, url, started.code());
            assertEquals(200, redeemed.statusCode(), redeemed.body());
            assertTrue(redeemed.headers().allValues("Set-Cookie").isEmpty(), redeemed.headers().toString());
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

    /** Starts serve, reads its token line, creates and attaches a session; returns the process. */
    /** A session on the class's target through serve's API, and its terminal's websocket. */
    private static WsClient openTerminal(HttpClient http, String base, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/engines/default/sessions"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "token " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"" + target.id() + "\",\"image\":\"" + TOOLBOX + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String terminal = r.body().replaceAll(".*\"terminal\":\"([^\"]+)\".*", "$1");
        return WsClient.open(http, base.replace("http", "ws") + terminal, "Authorization", "token " + token);
    }

    private static Process serveWithASession(Path dir) throws Exception {
        Started started = startServe(dir, List.of("serve"));
        Process serve = started.process();
        String token = started.token();
        String base = "http://" + started.base().getAuthority();
        HttpClient http = HttpClient.newHttpClient();
        WsClient t = openTerminal(http, base, token);
        t.type("echo attached\r");
        t.awaitScreen(s -> s.contains("attached\r\n"), "attached");
        assertEquals(1, Engine.sidecarsOf(target.id()).size());
        return serve;
    }

    @Test
    void sigtermEndsEverySessionAndRemovesTheSidecars(@TempDir Path dir) throws Exception {
        Process serve = serveWithASession(dir);
        serve.destroy();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        assertEquals(List.of(), Engine.sidecarsOf(target.id()), "SIGTERM left a sidecar");
    }

    @Test
    void sigkillLeavesNoSidecarThroughTheDeadMansSwitch(@TempDir Path dir) throws Exception {
        Process serve = serveWithASession(dir);
        serve.destroyForcibly();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(60));
    }
}
