package io.dockerdebug.server;

import io.dockerdebug.DockerDebug;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own checks, in this JVM, against a hostile fake engine (a TCP socket that answers
 * every call with a malformed status line): what needs no real engine.
 */
class WebServerTest {
    static final String TOKEN = "t".repeat(20) + "0123456789abcdefghij";
    static final String ALLOWED = "http://EXAMPLE.com";
    static ServerSocket fakeEngine;
    static Engines engines;
    static WebServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        fakeEngine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!fakeEngine.isClosed()) {
                try {
                    Socket s = fakeEngine.accept();
                    Thread.ofPlatform().daemon().start(() -> answerMalformed(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        DockerDebug engine = DockerDebug.builder().environment(Map.of()).configFile("/nonexistent/config.toml")
                .host("tcp://127.0.0.1:" + fakeEngine.getLocalPort()).timeout(Duration.ofSeconds(20)).build();
        engines = new Engines(Map.of("default", engine));
        server = WebServer.start(new ServeOptions("127.0.0.1", 0, List.of(ALLOWED), null, false, TOKEN), engines, "test");
        base = server.baseUrl().replaceAll("/$", "");
    }

    /** Reads the request head, answers a status line whose code is no number, closes. */
    private static void answerMalformed(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // the request's head
            }
            s.getOutputStream().write("HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the client went
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (engines != null) {
            engines.close();
        }
        fakeEngine.close();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertSecurityHeaders(HttpResponse<?> r, String what) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), what + ": " + r.headers());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), what);
    }

    @Test
    void anEngineThatAnswersGarbageIsOneJsonErrorWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/engines/default/containers").header("Authorization", "token " + TOKEN));
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertTrue(r.body().startsWith("{\"code\":125,\"message\":"), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("<"), r.body());
        assertSecurityHeaders(r, "engine failure");
    }

    @Test
    void jettysOwnErrorsAreNoHtmlPageAndCarryTheSecurityHeaders() throws Exception {
        for (String head : List.of("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n",
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nX-Big: " + "a".repeat(20_000) + "\r\n")) {
            String answer = raw(head + "Connection: close\r\n\r\n");
            String lower = answer.toLowerCase(java.util.Locale.ROOT);
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
            assertFalse(lower.contains("text/html") || lower.contains("<html") || lower.contains("<h2"), answer);
            assertTrue(lower.contains("content-security-policy: default-src 'self'"), answer);
        }
    }

    @Test
    void aCookieAloneIsNoCredentialEvenForAGet() throws Exception {
        // Whatever cookie a browser holds for 127.0.0.1 (any port, any name), with our token as its value.
        for (String cookie : List.of("docker-debug-" + port() + "=" + TOKEN, "docker-debug=" + TOKEN, "token=" + TOKEN)) {
            for (String origin : new String[]{null, base, "http://127.0.0.1:1"}) {
                HttpRequest.Builder r = request("/api/v1/engines").header("Cookie", cookie);
                if (origin != null) {
                    r.header("Origin", origin);
                }
                int status = send(r).statusCode();
                assertTrue(status == 401 || status == 403, cookie + " from " + origin + ": " + status);
            }
        }
        // The old way in (a token in the URL) sets no cookie.
        HttpResponse<String> visit = send(request("/?token=" + TOKEN));
        assertTrue(visit.headers().allValues("Set-Cookie").isEmpty(), visit.headers().toString());
    }

    @Test
    void slowRequestBodiesDoNotStarveTheServer() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket s = new Socket("127.0.0.1", port());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/engines/default/sessions HTTP/1.1\r\nHost: 127.0.0.1:" + port()
                        + "\r\nAuthorization: token " + TOKEN + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            HttpResponse<String> version = send(request("/api/v1/version").header("Authorization", "token " + TOKEN)
                    .timeout(Duration.ofSeconds(20)));
            assertEquals(200, version.statusCode(), version.body());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void anAllowedOriginMatchesWhateverItsCaseOnTheCommandLine() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/version").header("Authorization", "token " + TOKEN)
                .header("Origin", "http://example.com"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("http://example.com", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    static int port() {
        return URI.create(base).getPort();
    }

    /** One raw request; the whole answer (the server closes). */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
