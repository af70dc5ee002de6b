package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineHttpTest {
    /** A connection that answers with canned bytes and records what was sent. */
    static final class Canned implements Transport {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final byte[] answer;
        boolean closed;

        Canned(String answer) {
            this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public RawConnection connect() {
            InputStream in = new ByteArrayInputStream(answer);
            return new RawConnection() {
                public InputStream input() { return in; }
                public OutputStream output() { return sent; }
                public void closeWrite() { }
                public void close() { closed = true; }
            };
        }
    }

    private static String body(Canned t, String method, byte[] body) throws IOException {
        try (EngineHttp.Response r = EngineHttp.send(t, method, "/v1/x", body)) {
            return r.status + " " + new String(r.readAll(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsOneRequestAndReadsAContentLengthBody() throws IOException {
        Canned t = new Canned("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"Id\":1}\nNEXT");
        assertEquals("201 {\"Id\":1}\n", body(t, "POST", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        String request = t.sent.toString(StandardCharsets.ISO_8859_1);
        assertTrue(request.startsWith("POST /v1/x HTTP/1.1\r\n"), request);
        assertTrue(request.contains("Connection: close\r\n"), request);
        assertTrue(request.contains("Content-Length: 7\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":1}"), request);
        assertTrue(t.closed);
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
                () -> EngineHttp.send(refused, "GET", "/x", null));
        assertEquals("Connection refused", e.getMessage());
    }
}
