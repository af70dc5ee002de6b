package io.dockerdebug.docker;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 to the engine over {@link EngineConnections}: every call, hijack (attach, exec start)
 * and stream (events, pull progress) on every transport goes through here. Connections are kept
 * alive: an answer read to its end leaves its connection for the next call.
 */
final class EngineHttp {
    private EngineHttp() {
    }

    /** A body whose end is known from its framing, so that its connection may serve the next call. */
    private interface Framed {
        boolean complete();
    }

    /** A response whose body is read as it comes; close it to give back (or close) its connection. */
    static final class Response implements AutoCloseable {
        final int status;
        final InputStream body;
        private final Map<String, String> headers;
        private final EngineConnections.Connection conn;
        private final EngineConnections pool;
        private final CallDeadline deadline;
        /** The body's framing when the connection may be reused after it; null otherwise. */
        private final Framed reusable;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Response(int status, Map<String, String> headers, InputStream body, EngineConnections.Connection conn,
                         EngineConnections pool, CallDeadline deadline, Framed reusable) {
            this.status = status;
            this.headers = headers;
            this.body = deadline == null ? body : deadline.guard(body);
            this.conn = conn;
            this.pool = pool;
            this.deadline = deadline;
            this.reusable = reusable;
        }

        /** The connection underneath, for a request that upgraded it to a raw stream. */
        RawConnection connection() {
            return conn;
        }

        /** A header's value, by its lower-case name; null when absent. */
        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }

        byte[] readAll() throws IOException {
            return body.readAllBytes();
        }

        /** Gives the connection back when the answer was read to its end within the deadline, else closes it. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            boolean inTime = deadline == null || deadline.cancel();
            if (inTime && reusable != null && reusable.complete()) {
                pool.release(conn);
            } else {
                conn.close();
            }
        }
    }

    /** The engine could not be reached at all (nothing was sent). */
    static final class ConnectException extends IOException {
        ConnectException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** The peer closed the connection before answering anything: on a reused connection, a dropped idle one. */
    private static final class NothingAnswered extends IOException {
        NothingAnswered() {
            super("the engine closed the connection");
        }
    }

    static Response send(EngineConnections conns, String method, String path, byte[] body) throws IOException {
        return send(conns, method, path, body, Map.of(), false, null);
    }

    /**
     * With {@code upgrade}, asks for "Upgrade: tcp" (attach, exec start): on success the body is
     * the rest of the connection, the process's stream, as the docker CLI's hijack has it.
     * With a {@code timeout} (non-streaming calls), the connection is closed when the whole answer
     * has not been read by then, and the read fails with a {@link CallDeadline.Expired}.
     */
    static Response send(EngineConnections conns, String method, String path, byte[] body,
                         Map<String, String> extraHeaders, boolean upgrade, Duration timeout) throws IOException {
        byte[] request = request(method, path, body, extraHeaders, upgrade);
        for (boolean retried = false; ; retried = true) {
            EngineConnections.Connection conn;
            try {
                // A hijack or a stream holds its connection for long (or for good): a new one, which
                // leaves the idle ones to the calls beside it.
                conn = retried || upgrade || timeout == null ? conns.open() : conns.acquire();
            } catch (CallDeadline.Expired e) {
                throw e;
            } catch (IOException e) {
                throw new ConnectException(e);
            }
            CallDeadline deadline = timeout == null ? null : CallDeadline.start(timeout, conn);
            boolean written = false;
            boolean answered = false;
            try {
                OutputStream out = conn.output();
                out.write(request);
                out.flush();
                written = true;
                String statusLine = readLine(conn.input());
                if (statusLine == null) {
                    throw new NothingAnswered();
                }
                answered = true;
                return read(conns, conn, statusLine, method, upgrade, deadline);
            } catch (IOException e) {
                boolean expired = deadline != null && !deadline.cancel();
                conn.close();
                IOException failure = deadline == null ? e : deadline.translate(e);
                if (!answered && !expired && conn.reused()) {
                    // A kept-alive connection the peer dropped while idle: once more on a new one, when
                    // the request surely did nothing (not sent) or may safely happen twice.
                    if (!retried && (!written || e instanceof NothingAnswered && idempotent(method))) {
                        continue;
                    }
                } else if (!answered && !expired) {
                    // A new connection refused before any answer (a TLS engine that rejects the
                    // client certificate, ssh that could not log in): the engine was not reached.
                    throw new ConnectException(failure);
                }
                throw failure;
            } catch (RuntimeException e) {
                if (deadline != null) {
                    deadline.cancel();
                }
                conn.close();
                throw e;
            }
        }
    }

    private static boolean idempotent(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("PUT");
    }

    private static byte[] request(String method, String path, byte[] body, Map<String, String> extraHeaders,
                                  boolean upgrade) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\n")
                .append("User-Agent: docker-debug\r\n");
        if (upgrade) {
            head.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        }
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static Response read(EngineConnections conns, EngineConnections.Connection conn, String firstStatusLine,
                                 String method, boolean upgrade, CallDeadline deadline) throws IOException {
        InputStream in = conn.input();
        int status = 0;
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        Map<String, String> headers = new HashMap<>();
        // 1xx answers (100 Continue) come before the real one; 101 is the upgrade itself.
        while (status == 0 || (status / 100 == 1 && status != 101)) {
            String statusLine = status == 0 ? firstStatusLine : header(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("unexpected answer from the engine: " + statusLine);
            }
            status = Integer.parseInt(parts[1]);
            keepAlive = parts[0].equals("HTTP/1.1");
            for (String line = header(in); !line.isEmpty(); line = header(in)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                headers.putIfAbsent(name, value);
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                } else if (name.equals("connection")) {
                    keepAlive = !value.toLowerCase(Locale.ROOT).contains("close");
                }
            }
        }
        InputStream bodyIn;
        Framed framed = null;
        if (upgrade && status >= 100 && status < 300) {
            bodyIn = in; // the hijacked stream
        } else if (chunked) {
            Chunked c = new Chunked(in);
            bodyIn = c;
            framed = c;
        } else if (length >= 0) {
            Limited l = new Limited(in, length);
            bodyIn = l;
            framed = l;
        } else if (status == 204 || status == 304 || method.equals("HEAD")) {
            bodyIn = InputStream.nullInputStream();
            framed = () -> true;
        } else {
            bodyIn = in; // Connection: close: the body ends with the connection
        }
        return new Response(status, headers, bodyIn, conn, conns, deadline, keepAlive ? framed : null);
    }

    /** One line without its CRLF; null when the connection ended before any byte of it. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A line of a head or chunk framing, which must be there. */
    private static String header(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            throw new IOException("the engine closed the connection");
        }
        return line;
    }

    /** A body of known length. */
    private static final class Limited extends FilterInputStream implements Framed {
        private long left;

        Limited(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public boolean complete() {
            return left == 0;
        }

        @Override
        public void close() {
            // the connection outlives its body: Response.close decides
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked body, decoded. */
    private static final class Chunked extends FilterInputStream implements Framed {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public boolean complete() {
            return done;
        }

        @Override
        public void close() {
            // the connection outlives its body: Response.close decides
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = header(in).trim();
                int semi = size.indexOf(';');
                left = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
                if (left == 0) {
                    // Trailers, if any, up to the empty line that ends the answer.
                    while (!header(in).isEmpty()) {
                        // skipped
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the engine closed the connection mid-chunk");
            }
            left -= n;
            if (left == 0) {
                header(in); // CRLF after the chunk
            }
            return n;
        }
    }
}
