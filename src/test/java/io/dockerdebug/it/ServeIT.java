package io.dockerdebug.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docker-debug serve's API, terminal websocket and security checks, over HTTP, on the real engine. */
class ServeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OTHER_ORIGIN = "http://127.0.0.1:1";
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET)
            .afterStop(t -> Engine.awaitNoSidecarOf(t.id(), Duration.ofSeconds(30)));
    static ServeFixture serve;

    @BeforeAll
    static void start() {
        serve = new ServeFixture(List.of(OTHER_ORIGIN));
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    static String sessionBody(String extra) {
        return "{\"target\":\"" + target.id() + "\",\"image\":\"" + TOOLBOX + "\"" + extra + "}";
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    String wsUrl(String terminalPath, int cols, int rows) {
        return serve.base.replace("http", "ws") + terminalPath + "?cols=" + cols + "&rows=" + rows;
    }

    WsClient openTerminal(String extra, int cols, int rows) throws Exception {
        HttpResponse<String> r = serve.post("/api/v1/engines/default/sessions", sessionBody(extra));
        assertEquals(201, r.statusCode(), r.body());
        return WsClient.open(serve.http, wsUrl(json(r).get("terminal").asText(), cols, rows),
                "Authorization", "token " + serve.token);
    }

    // ---- the terminal ----------------------------------------------------------------------

    @Test
    void terminalRunsTheShellFollowsResizesAndReportsTheExitCode() throws Exception {
        WsClient t = openTerminal("", 101, 33);
        t.type("stty size; echo $((6*7))\r");
        t.awaitScreen(s -> s.contains("33 101") && s.contains("42\r\n"), "the size given at the upgrade and 42");
        t.resize(120, 40);
        t.type("stty size\r");
        t.awaitScreen(s -> s.contains("40 120"), "the new size after a resize message");
        t.type("exit 3\r");
        assertEquals(1000, t.closed.get(60, TimeUnit.SECONDS));
        assertTrue(t.control().contains("{\"type\":\"exit\",\"code\":3}"), t.control().toString());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void closingTheWebsocketEndsTheSessionAndRemovesTheSidecar() throws Exception {
        WsClient t = openTerminal("", 80, 24);
        t.type("echo ready\r");
        t.awaitScreen(s -> s.contains("ready\r\n"), "ready");
        assertEquals(1, Engine.sidecarsOf(target.id()).size());
        long start = System.nanoTime();
        t.ws.sendClose(1000, "tab closed").join();
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
        System.out.printf("serve: sidecar removed %d ms after the websocket closed%n",
                (System.nanoTime() - start) / 1_000_000);
        HttpResponse<String> sessions = serve.send(serve.authed("/api/v1/sessions"));
        assertEquals(0, json(sessions).get("sessions").size(), sessions.body());
    }

    @Test
    void aSessionHasOneTerminalOnly() throws Exception {
        HttpResponse<String> r = serve.post("/api/v1/engines/default/sessions", sessionBody(""));
        String path = json(r).get("terminal").asText();
        WsClient first = WsClient.open(serve.http, wsUrl(path, 80, 24), "Authorization", "token " + serve.token);
        Throwable second = WsClient.refusal(serve.http, wsUrl(path, 80, 24), "Authorization", "token " + serve.token);
        assertNotNull(second, "a second websocket attached to the same session");
        first.ws.sendClose(1000, "").join();
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void twentySessionsAtOnceEachSeeTheirOwnOutput() throws Exception {
        int n = 20;
        var pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String marker = "session-" + i + "-" + (i * 7919);
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        WsClient t = openTerminal("", 80, 24);
                        t.type("echo " + marker.replace("-", "_") + "\rexit\r");
                        t.closed.get(120, TimeUnit.SECONDS);
                        return t.screen();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            for (int i = 0; i < n; i++) {
                String screen = results.get(i).get(180, TimeUnit.SECONDS);
                String mine = ("session-" + i + "-" + (i * 7919)).replace("-", "_");
                assertTrue(screen.contains(mine + "\r\n"), "session " + i + " did not see its output:\n" + screen);
                for (int j = 0; j < n; j++) {
                    String other = ("session-" + j + "-" + (j * 7919)).replace("-", "_");
                    assertFalse(j != i && screen.contains(other), "session " + i + " saw session " + j + "'s output");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(60));
    }

    @Test
    void aSessionNeverAttachedIsEndedAtTheAttachDeadline() throws Exception {
        try (ServeFixture quick = new ServeFixture(List.of(), null, Duration.ofSeconds(2),
                java.net.http.HttpClient.newHttpClient())) {
            HttpResponse<String> r = quick.post("/api/v1/engines/default/sessions", sessionBody(""));
            assertEquals(201, r.statusCode(), r.body());
            // No terminal ever comes: the server ends the session itself, and the sidecar goes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonNode sessions = json(quick.send(quick.authed("/api/v1/sessions")));
            while (sessions.get("sessions").size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                sessions = json(quick.send(quick.authed("/api/v1/sessions")));
            }
            assertEquals(0, sessions.get("sessions").size(), sessions.toString());
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
            assertEquals(404, quick.send(quick.authed("/api/v1/sessions/" + json(r).get("id").asText()).DELETE())
                    .statusCode());
        }
    }

    // ---- the API -----------------------------------------------------------------------------

    @Test
    void execReturnsOutputAndTheDockerLikeExitCode() throws Exception {
        JsonNode ok = json(serve.post("/api/v1/engines/default/exec", sessionBody(",\"shell\":\"echo out; echo err >&2; exit 4\"")));
        assertEquals(4, ok.get("exitCode").asInt());
        assertEquals("out\n", ok.get("stdout").asText());
        assertEquals("err\n", ok.get("stderr").asText());
        JsonNode missing = json(serve.post("/api/v1/engines/default/exec", sessionBody(",\"command\":[\"no-such-command\"]")));
        assertEquals(127, missing.get("exitCode").asInt(), missing.toString());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void listsEnginesAndContainers() throws Exception {
        JsonNode engines = json(serve.send(serve.authed("/api/v1/engines")));
        assertEquals("default", engines.get("engines").get(0).get("name").asText());
        JsonNode list = json(serve.send(serve.authed("/api/v1/engines/default/containers")));
        boolean found = false;
        for (JsonNode c : list.get("containers")) {
            found |= c.get("id").asText().equals(target.id()) && c.get("state").asText().equals("running");
        }
        assertTrue(found, "the target is not listed: " + list);
    }

    /** The stream's {@code containers} events, each a list of container ids, read on a thread of their own. */
    static BlockingQueue<List<String>> containerEvents(ServeFixture serve, List<Stream<String>> opened) throws Exception {
        HttpResponse<Stream<String>> r = serve.http.send(serve.authed("/api/v1/engines/default/containers/events")
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
        opened.add(r.body());
        BlockingQueue<List<String>> lists = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            String[] event = {null};
            r.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    event[0] = line.substring(7);
                } else if (line.startsWith("data: ") && "containers".equals(event[0])) {
                    try {
                        List<String> ids = new ArrayList<>();
                        JSON.readTree(line.substring(6)).get("containers").forEach(c -> ids.add(c.get("id").asText()));
                        lists.add(ids);
                    } catch (Exception e) {
                        lists.add(List.of("unreadable: " + line));
                    }
                }
            });
        });
        return lists;
    }

    /** Takes lists until one satisfies {@code wanted}: other tests' containers change the list too. */
    static List<String> awaitList(BlockingQueue<List<String>> lists, java.util.function.Predicate<List<String>> wanted,
                                  String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<String> last = null;
        while (System.nanoTime() < deadline) {
            List<String> l = lists.poll(5, TimeUnit.SECONDS);
            if (l != null) {
                last = l;
                if (wanted.test(l)) {
                    return l;
                }
            }
        }
        return fail("the container stream never showed " + what + "; last list: " + last);
    }

    @Test
    void containerListIsPushedLiveFromEngineEvents() throws Exception {
        assertEquals(401, serve.send(serve.request("/api/v1/engines/default/containers/events")).statusCode());
        List<Stream<String>> opened = new ArrayList<>();
        try {
            BlockingQueue<List<String>> lists = containerEvents(serve, opened);
            awaitList(lists, l -> l.contains(target.id()), "the target at once");
            String another = Engine.docker("run", "-d", "--label", "io.docker-debug.it=serve-events", Engine.TARGET);
            try {
                awaitList(lists, l -> l.contains(another), "a container started after the stream opened");
            } finally {
                Engine.docker("rm", "-f", another);
            }
            awaitList(lists, l -> !l.contains(another), "the removed container gone");
        } finally {
            opened.forEach(Stream::close);
        }
    }

    @Test
    void keptSidecarIsListedAndRemovedThroughTheApi() throws Exception {
        JsonNode r = json(serve.post("/api/v1/engines/default/exec", sessionBody(",\"keep\":true,\"shell\":\"true\"")));
        assertEquals(0, r.get("exitCode").asInt(), r.toString());
        List<String> kept = Engine.sidecarsOf(target.id());
        assertEquals(1, kept.size(), "one kept sidecar");
        JsonNode list = json(serve.send(serve.authed("/api/v1/engines/default/sidecars")));
        assertTrue(list.toString().contains(kept.getFirst()), list.toString());
        HttpResponse<String> rm = serve.send(serve.authed("/api/v1/engines/default/sidecars/" + kept.getFirst())
                .header("Content-Type", "application/json").DELETE());
        assertEquals(200, rm.statusCode(), rm.body());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
        HttpResponse<String> prune = serve.post("/api/v1/engines/default/sidecars/prune", "{}");
        assertEquals(200, prune.statusCode(), prune.body());
    }

    @Test
    void badInputIsOneJsonLineWithCode125() throws Exception {
        for (String body : List.of("{\"target\":\"../etc\"}", "{\"target\":\"x\",\"nope\":1}",
                "{\"target\":\"x\",\"command\":[\"a\"],\"shell\":\"b\"}", "{\"target\":\"x\",\"capAdd\":[\"NET ADMIN\"]}",
                "{\"target\":\"x\",\"workdir\":\"rel\"}", "[1]", "not json")) {
            HttpResponse<String> r = serve.post("/api/v1/engines/default/sessions", body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertEquals(125, json(r).get("code").asInt(), r.body());
        }
        // The library's own check, as the CLI's --user.
        HttpResponse<String> user = serve.post("/api/v1/engines/default/sessions", sessionBody(",\"user\":\"a:b:c\""));
        assertEquals(400, user.statusCode(), user.body());
        HttpResponse<String> gone = serve.post("/api/v1/engines/default/sessions",
                "{\"target\":\"no-such-container-" + System.nanoTime() + "\"}");
        assertEquals(404, gone.statusCode(), gone.body());
        HttpResponse<String> engine = serve.send(serve.authed("/api/v1/engines/nope/containers"));
        assertEquals(404, engine.statusCode(), engine.body());
        assertTrue(Engine.sidecarsOf(target.id()).isEmpty());
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        JsonNode doc = json(serve.send(serve.request("/api/v1/openapi.json")));
        assertTrue(doc.get("paths").has("/api/v1/engines/{engine}/sessions"), doc.toString());
    }

    // ---- security: each item of the model -------------------------------------------------------

    @Test
    void theOneTimeCodeIsTradedForTheTokenOnceOnly() throws Exception {
        String code = serve.newCode();
        HttpResponse<String> first = serve.redeem(code, serve.base);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(serve.token, json(first).get("token").asText());
        assertTrue(first.headers().allValues("Set-Cookie").isEmpty(), first.headers().toString());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<String> again = serve.redeem(code, serve.base);
        assertEquals(401, again.statusCode(), "a used code worked again: " + again.body());
        assertFalse(again.body().contains(serve.token), again.body());
        // A page of another origin (not allowed) cannot trade a code; a script (no Origin) can.
        String next = serve.newCode();
        assertEquals(403, serve.redeem(next, "http://127.0.0.1:" + (serve.port() + 1)).statusCode());
        assertEquals(200, serve.redeem(next, null).statusCode());
        // A new code ends the one before it.
        String replaced = serve.newCode();
        serve.newCode();
        assertEquals(401, serve.redeem(replaced, serve.base).statusCode());
        // The page itself never carries a credential: its URL's code is a fragment, which no server receives.
        assertTrue(serve.server.newCodeUrl().startsWith(serve.base + "/#code="));
    }

    @Test
    void apiNeedsTheToken() throws Exception {
        assertEquals(401, serve.send(serve.request("/api/v1/engines")).statusCode());
        assertEquals(401, serve.send(serve.request("/api/v1/engines").header("Authorization",
                "token " + serve.token.substring(1) + "0")).statusCode());
        assertEquals(200, serve.send(serve.authed("/api/v1/engines")).statusCode());
        // A session id alone does not open its terminal.
        HttpResponse<String> r = serve.post("/api/v1/engines/default/sessions", sessionBody(""));
        String path = json(r).get("terminal").asText();
        Throwable refused = WsClient.refusal(serve.http, wsUrl(path, 80, 24));
        assertNotNull(refused, "a websocket without the token was accepted");
        String sessionId = json(r).get("id").asText();
        assertEquals(200, serve.send(serve.authed("/api/v1/sessions/" + sessionId).DELETE()).statusCode());
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void foreignHostHeaderIsMisdirected() throws Exception {
        assertEquals(421, rawStatus("GET / HTTP/1.1\r\nHost: rebound.example:" + serve.port() + "\r\n"));
        assertEquals(421, rawStatus("GET /api/v1/version HTTP/1.1\r\nHost: 127.0.0.1:" + (serve.port() + 1)
                + "\r\nAuthorization: token " + serve.token + "\r\n"));
        assertEquals(200, rawStatus("GET / HTTP/1.1\r\nHost: localhost:" + serve.port() + "\r\n"));
    }

    private static int rawStatus(String head) throws Exception {
        try (Socket s = new Socket("127.0.0.1", serve.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aCookieIsNeverACredential() throws Exception {
        // What a browser would send to any port of 127.0.0.1 had a server set it: refused, GET included.
        String pair = "docker-debug-" + serve.port() + "=" + serve.token;
        assertEquals(401, serve.send(serve.request("/api/v1/engines/default/containers").header("Cookie", pair))
                .statusCode());
        assertEquals(401, serve.send(serve.request("/api/v1/engines/default/containers").header("Cookie", pair)
                .header("Origin", serve.base)).statusCode());
        HttpResponse<String> post = serve.send(serve.request("/api/v1/engines/default/sessions")
                .header("Cookie", pair).header("Origin", serve.base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sessionBody(""))));
        assertEquals(401, post.statusCode(), post.body());
        // The page's way: our origin, the token in a header; its terminal takes the token as a subprotocol.
        HttpResponse<String> self = serve.send(serve.authed("/api/v1/engines/default/sessions")
                .header("Origin", serve.base).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(sessionBody(""))));
        assertEquals(201, self.statusCode(), self.body());
        String path = json(self).get("terminal").asText();
        Throwable refused = WsClient.refusal(serve.http, wsUrl(path, 80, 24), "Cookie", pair, "Origin", serve.base);
        assertNotNull(refused, "a websocket with a cookie only was accepted");
        String sameSiteOtherPort = "http://127.0.0.1:" + (serve.port() + 1);
        assertNotNull(WsClient.refusal(serve.http, wsUrl(path, 80, 24), "Authorization", "token " + serve.token,
                "Origin", sameSiteOtherPort), "a websocket from another origin was accepted");
        WsClient mine = WsClient.open(serve.http, wsUrl(path, 80, 24), "Authorization", "token " + serve.token,
                "Origin", serve.base);
        mine.type("echo $((6*7))\r");
        mine.awaitScreen(s -> s.contains("42\r\n"), "42");
        mine.ws.sendClose(1000, "").join();
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(30));
    }

    @Test
    void corsOnlyForTheAllowedOriginAndOnlyWithTheToken() throws Exception {
        HttpResponse<String> foreign = serve.send(serve.authed("/api/v1/version").header("Origin", "http://evil.example"));
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), foreign.headers().toString());
        HttpResponse<String> allowed = serve.send(serve.authed("/api/v1/version").header("Origin", OTHER_ORIGIN));
        assertEquals(200, allowed.statusCode());
        assertEquals(OTHER_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
        HttpResponse<String> preflight = serve.send(serve.request("/api/v1/engines/default/sessions")
                .header("Origin", OTHER_ORIGIN).header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.statusCode());
        HttpResponse<String> preflightForeign = serve.send(serve.request("/api/v1/engines/default/sessions")
                .header("Origin", "http://evil.example").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, preflightForeign.statusCode());
        // The allowed origin with a cookie only: not enough.
        HttpResponse<String> cookieOnly = serve.send(serve.request("/api/v1/version")
                .header("Cookie", "docker-debug-" + serve.port() + "=" + serve.token).header("Origin", OTHER_ORIGIN));
        assertEquals(401, cookieOnly.statusCode());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/app.js", "/api/v1/version", "/nope")) {
            HttpResponse<String> r = serve.send(serve.request(path));
            var h = r.headers();
            String csp = h.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("no-store", h.firstValue("Cache-Control").orElse(null), path);
            assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null), path);
            assertNull(h.firstValue("Server").orElse(null), path);
        }
    }
}
