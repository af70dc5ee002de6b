package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineHttpTest {
    private static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofMinutes(5);

    /** Connections that each answer with the same canned bytes and record what was sent. */
    static final class Canned implements Transport {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final byte[] answer;
        int connects;
        volatile int closes;

        Canned(String answer) {
            this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public RawConnection connect() {
            connects++;
            InputStream in = new ByteArrayInputStream(answer);
            return new RawConnection() {
                public InputStream input() { return in; }
                public OutputStream output() { return sent; }
                public void closeWrite() { }
                public void close() { closes++; }
            };
        }
    }

    private static String body(Canned t, String method, byte[] body) throws IOException {
        return body(new EngineConnections(t), method, body);
    }

    private static String body(EngineConnections pool, String method, byte[] body) throws IOException {
        try (EngineHttp.Response r = EngineHttp.send(pool, method, "/v1/x", body, Map.of(), false, CALL_TIMEOUT)) {
            return r.status + " " + new String(r.readAll(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsOneRequestAndReadsAContentLengthBody() throws IOException {
        Canned t = new Canned("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"Id\":1}\nNEXT");
        assertEquals("201 {\"Id\":1}\n", body(t, "POST", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        String request = t.sent.toString(StandardCharsets.ISO_8859_1);
        assertTrue(request.startsWith("POST /v1/x HTTP/1.1\r\n"), request);
        assertFalse(request.contains("Connection:"), request);
        assertTrue(request.contains("Content-Length: 7\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":1}"), request);
        assertEquals(0, t.closes, "kept for the next call");
    }

    @Test
    void callsShareOneKeptAliveConnection() throws IOException {
        Canned t = new Canned("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1]\r\n0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n{1}");
        EngineConnections pool = new EngineConnections(t);
        assertEquals("200 {}", body(pool, "GET", null));
        assertEquals("200 [1]", body(pool, "GET", null));
        assertEquals("204 ", body(pool, "POST", null));
        assertEquals("404 {1}", body(pool, "DELETE", null));
        assertEquals(1, t.connects);
        assertEquals(1, pool.opened());
        pool.close();
        assertEquals(1, t.closes);
    }

    @Test
    void streamsAndHijacksTakeANewConnectionAndLeaveTheIdleOneToCalls() throws IOException {
        Canned t = new Canned("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        EngineConnections pool = new EngineConnections(t);
        assertEquals("200 {}", body(pool, "GET", null));
        try (EngineHttp.Response events = EngineHttp.send(pool, "GET", "/events", null)) {
            assertEquals(200, events.status);
        }
        try (EngineHttp.Response exec = EngineHttp.send(pool, "POST", "/exec/x/start", null, Map.of(), true, null)) {
            assertEquals(200, exec.status);
        }
        assertEquals(3, t.connects);
        assertEquals("200 {}", body(pool, "GET", null));
        assertEquals(3, t.connects, "the call took the idle connection");
    }

    @Test
    void anAnswerNotReadToItsEndOrSayingCloseEndsItsConnection() throws IOException {
        Canned t = new Canned("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n{}{}");
        EngineConnections pool = new EngineConnections(t);
        try (EngineHttp.Response r = EngineHttp.send(pool, "GET", "/events", null)) {
            assertEquals('{', r.body.read());
        }
        assertEquals(1, t.closes);
        Canned closing = new Canned("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        body(closing, "GET", null);
        assertEquals(1, closing.closes);
        Canned unframed = new Canned("HTTP/1.1 200 OK\r\n\r\n{}");
        body(unframed, "GET", null);
        assertEquals(1, unframed.closes);
    }

    @Test
    void aKeptConnectionThePeerDroppedIsReplacedForARepeatableCall() throws IOException {
        // Each connection answers once and then ends, as a peer that closed it while idle.
        Canned t = new Canned("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        EngineConnections pool = new EngineConnections(t);
        assertEquals("200 {}", body(pool, "GET", null));
        assertEquals("200 {}", body(pool, "GET", null));
        assertEquals(2, t.connects);
        // A create may not happen twice: its failure is reported, not repeated.
        assertThrows(IOException.class, () -> body(pool, "POST", null));
    }

    @Test
    void aCallOverItsDeadlineIsNotKept() throws IOException, InterruptedException {
        Canned t = new Canned("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        EngineConnections pool = new EngineConnections(t);
        EngineHttp.Response r = EngineHttp.send(pool, "GET", "/x", null, Map.of(), false, java.time.Duration.ofMillis(1));
        long until = System.nanoTime() + 60_000_000_000L;
        while (t.closes == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, t.closes, "the deadline closed it");
        r.close();
        assertEquals("200 {}", body(pool, "GET", null));
        assertEquals(2, t.connects);
    }

    @Test
    void decodesChunkedBodies() throws IOException {
        Canned t = new Canned("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;ext=1\r\n1}\n\r\n0\r\n\r\n");
        assertEquals("200 {\"a\":1}\n", body(t, "GET", null));
    }

    @Test
    void readsToTheEndWithoutALengthAndSkipsInterimAnswers() throws IOException {
        Canned t = new Canned("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n{\"message\":\"No such container: x\"}");
        assertEquals("404 {\"message\":\"No such container: x\"}", body(t, "GET", null));
        assertTrue(t.sent.toString(StandardCharsets.ISO_8859_1).contains("Content-Length: 0\r\n"));
    }

    @Test
    void noContentHasNoBody() throws IOException {
        assertEquals("204 ", body(new Canned("HTTP/1.1 204 No Content\r\n\r\n"), "POST", null));
    }

    @Test
    void aGarbledOrMissingAnswerIsAnError() {
        assertThrows(IOException.class, () -> body(new Canned("SSH-2.0-OpenSSH\r\n\r\n"), "GET", null));
        assertThrows(IOException.class, () -> body(new Canned(""), "GET", null));
        assertThrows(IOException.class, () -> body(new Canned("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort"), "GET", null));
    }

    @Test
    void aFailedConnectSaysSo() {
        Transport refused = () -> {
            throw new IOException("Connection refused");
        };
        EngineHttp.ConnectException e = assertThrows(EngineHttp.ConnectException.class,
                () -> EngineHttp.send(new EngineConnections(refused), "GET", "/x", null));
        assertEquals("Connection refused", e.getMessage());
    }
}
