package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsTest {

    static Requests.Spec spec(String json) throws Exception {
        return Requests.sessionSpec(Json.parse(json));
    }

    @Test
    void aFullRequestIsRead() throws Exception {
        Requests.Spec s = spec("{\"target\":\"web-1\",\"image\":\"busybox\",\"command\":[\"ss\",\"-lntp\"],"
                + "\"user\":\"1000:1000\",\"workdir\":\"/tmp\",\"privileged\":true,\"capAdd\":[\"NET_ADMIN\"],\"keep\":true}");
        assertEquals("web-1", s.target());
        assertEquals(List.of("ss", "-lntp"), s.command().command());
        assertEquals("1000:1000", s.command().user());
        assertEquals("/tmp", s.command().workdir());
        assertEquals("busybox", s.sidecar().image());
        assertEquals(List.of("NET_ADMIN"), s.sidecar().capAdd());
        assertTrue(s.sidecar().privileged() && s.sidecar().keep());
        assertFalse(s.command().tty());
        assertTrue(s.withTty().tty());
        assertEquals(io.dockerdebug.SidecarOptions.PullPolicy.ALWAYS,
                spec("{\"target\":\"x\",\"pull\":\"always\"}").sidecar().pull());
    }

    @Test
    void badShapesAreRefusedWithCode125() {
        for (String bad : List.of("{}", "{\"target\":\"-x\"}", "{\"target\":\"a b\"}", "{\"target\":1}",
                "{\"target\":\"x\",\"extra\":1}", "{\"target\":\"x\",\"command\":\"ls\"}",
                "{\"target\":\"x\",\"command\":[\"a\"],\"shell\":\"b\"}", "{\"target\":\"x\",\"privileged\":\"yes\"}",
                "{\"target\":\"x\",\"shell\":\"a\\u0000b\"}", "{\"target\":\"x\",\"image\":\"a b\"}",
                "{\"target\":\"x\",\"workdir\":\"tmp\"}", "{\"target\":\"x\",\"capAdd\":[\"NET ADMIN\"]}",
                "{\"target\":\"x\",\"shell\":\"" + "a".repeat(5000) + "\"}", "[]",
                "{\"target\":\"x\",\"pull\":\"sometimes\"}")) {
            ApiException e = assertThrows(ApiException.class, () -> spec(bad), bad);
            assertEquals(125, e.code(), bad);
            assertEquals(400, e.status(), bad);
            assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
        }
    }

    @Test
    void terminalSizesAreClamped() {
        assertEquals(80, Requests.dimension(null, 80, 1000));
        assertEquals(1000, Requests.dimension("99999", 80, 1000));
        assertEquals(1, Requests.dimension("-5", 80, 1000));
        assertThrows(ApiException.class, () -> Requests.dimension("12px", 80, 1000));
    }

    @Test
    void tokensAreLongAndComparedWhole() {
        assertThrows(ApiException.class, () -> Token.of("short"));
        Token t = Token.of("a".repeat(32));
        assertTrue(t.matches("a".repeat(32)));
        assertFalse(t.matches("a".repeat(31)));
        assertFalse(t.matches("a".repeat(33)));
        assertFalse(t.matches(null));
        assertEquals(64, Token.random().reveal().length());
        assertFalse(Token.random().toString().contains(Token.random().reveal()));
    }

    @Test
    void onlyLoopbackWithoutTlsOrInsecure() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8);
        Serve.check(new ServeOptions("127.0.0.1", 0, List.of(), null, false, null), p);
        Serve.check(new ServeOptions("::1", 0, List.of(), null, false, null), p);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertThrows(io.dockerdebug.InvalidOptionsException.class,
                () -> Serve.check(new ServeOptions("0.0.0.0", 0, List.of(), null, false, null), p));
        Serve.check(new ServeOptions("0.0.0.0", 0, List.of(), null, true, null), p);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hostNamesOfTheListenAddress() {
        assertEquals(List.of("127.0.0.1", "localhost"), WebServer.names("127.0.0.1"));
        assertEquals(List.of("[::1]", "localhost"), WebServer.names("::1"));
        assertEquals(List.of("192.0.2.7"), WebServer.names("192.0.2.7"));
    }

    @Test
    void theLibrarysFailuresMapToStatusesByType() {
        assertEquals(400, ApiException.of(new io.dockerdebug.InvalidOptionsException("bad")).status());
        assertEquals(404, ApiException.of(new io.dockerdebug.NoSuchContainerException("No such container: x")).status());
        assertEquals(404, ApiException.of(new io.dockerdebug.EngineFailureException(404, "gone")).status());
        assertEquals(502, ApiException.of(new io.dockerdebug.EngineFailureException(500, "broken")).status());
        ApiException notFound = ApiException.of(new java.util.concurrent.ExecutionException(
                new io.dockerdebug.DockerDebugException(127, "not found")));
        assertEquals(127, notFound.code());
        assertEquals(502, notFound.status());
    }

    @Test
    void onlyChangesOfTheListWakeTheContainerStream() {
        for (String a : List.of("create", "start", "die", "destroy", "rename", "pause", "health_status: healthy")) {
            assertTrue(ContainerStream.changesTheList(a), a);
        }
        for (String a : List.of("exec_create: sh", "exec_start: sh", "attach", "resize", "top")) {
            assertFalse(ContainerStream.changesTheList(a), a);
        }
    }
}
