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

        /**
         * The whole body of a call, at most {@link AnswerLimits#BODY_BYTES}: past that a
         * {@link BadAnswer}, and the connection is closed rather than kept (the body was not read to its end).
         */
        byte[] readAll() throws IOException {
            int max = AnswerLimits.BODY_BYTES;
            if (reusable instanceof Limited l && l.left > max) {
                throw new BadAnswer("an answer of " + l.left + " bytes, more than the " + AnswerLimits.size(max)
                        + " an engine's answer may have");
            }
            byte[] all = body.readNBytes(max);
            if (all.length == max && body.read() >= 0) {
                throw new BadAnswer("an answer longer than the " + AnswerLimits.size(max) + " an engine's answer may have");
            }
            return all;
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

    /**
     * An answer that is not HTTP as an engine speaks it (a status that is no number, a negative
     * chunk size) or is larger than {@link AnswerLimits} allow: its connection is closed, never
     * reused. The message is one line of our own.
     */
    static final class BadAnswer extends IOException {
        BadAnswer(String message) {
            super(message);
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
        return send(conns, method, path, body, extraHeaders, upgrade, timeout, false);
    }

    /**
     * A stream (events, a hijack) whose head must arrive within {@code headTimeout}, as every
     * engine sends it at once; its body has no deadline (its silence is legitimate).
     */
    static Response stream(EngineConnections conns, String method, String path, byte[] body,
                           Map<String, String> extraHeaders, boolean upgrade, Duration headTimeout) throws IOException {
        return send(conns, method, path, body, extraHeaders, upgrade, headTimeout, true);
    }

    private static Response send(EngineConnections conns, String method, String path, byte[] body,
                                 Map<String, String> extraHeaders, boolean upgrade, Duration timeout,
                                 boolean headOnly) throws IOException {
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
                String statusLine = readLine(conn.input(), AnswerLimits.HEAD_BYTES);
                if (statusLine == null) {
                    throw new NothingAnswered();
                }
                answered = true;
                return read(conns, conn, statusLine, method, upgrade, deadline, headOnly);
            } catch (IOException e) {
                boolean expired = deadline != null && !deadline.cancel();
                conn.close();
                IOException failure = deadline == null ? e : deadline.translate(e);
                if (e instanceof BadAnswer && !expired) {
                    throw e;
                }
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
                                 String method, boolean upgrade, CallDeadline deadline, boolean headOnly)
            throws IOException {
        InputStream in = conn.input();
        int status = 0;
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = true;
        Map<String, String> headers = new HashMap<>();
        // Every line of the head, interim answers included, counts against one budget.
        int[] budget = {AnswerLimits.HEAD_BYTES - firstStatusLine.length() - 2};
        // 1xx answers (100 Continue) come before the real one; 101 is the upgrade itself.
        while (status == 0 || (status / 100 == 1 && status != 101)) {
            String statusLine = status == 0 ? firstStatusLine : headLine(in, budget);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new BadAnswer("not an HTTP answer: \"" + shown(statusLine) + "\"");
            }
            status = statusCode(parts[1]);
            keepAlive = parts[0].equals("HTTP/1.1");
            headers.clear();
            length = -1;
            chunked = false;
            int count = 0;
            for (String line = headLine(in, budget); !line.isEmpty(); line = headLine(in, budget)) {
                if (++count > AnswerLimits.HEADERS) {
                    throw new BadAnswer("an answer with more than " + AnswerLimits.HEADERS + " headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new BadAnswer("a header line without a name: \"" + shown(line) + "\"");
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                String earlier = headers.putIfAbsent(name, value);
                if (name.equals("content-length")) {
                    if (earlier != null && !earlier.equals(value)) {
                        throw new BadAnswer("two different Content-Length headers");
                    }
                    length = contentLength(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                } else if (name.equals("connection")) {
                    keepAlive = !value.toLowerCase(Locale.ROOT).contains("close");
                }
            }
        }
        if (headOnly && deadline != null && status < 300) {
            // The head came in time; the stream's body has no deadline. (An error's body is no
            // stream: it is read within the deadline, as a call's.)
            if (!deadline.cancel()) {
                throw new CallDeadline.Expired(deadline.timeout(), new IOException("the head came too late"));
            }
            deadline = null;
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

    /** Three digits, as HTTP has them. */
    private static int statusCode(String text) throws BadAnswer {
        if (text.length() != 3 || !digits(text)) {
            throw new BadAnswer("an answer whose status is not a number: \"" + shown(text) + "\"");
        }
        return Integer.parseInt(text);
    }

    /** Decimal digits, at most 18 (a long holds them). */
    private static long contentLength(String text) throws BadAnswer {
        if (text.isEmpty() || text.length() > 18 || !digits(text)) {
            throw new BadAnswer("an answer whose Content-Length is not a size: \"" + shown(text) + "\"");
        }
        return Long.parseLong(text);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A peer's text in a message: at most 40 characters, control characters as '?'. */
    static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c > 0x7e ? '?' : c));
        return b.toString();
    }

    /** One line without its CRLF; null when the connection ended before any byte of it. */
    static String readLine(InputStream in) throws IOException {
        return readLine(in, 16 * 1024);
    }

    /** One line of at most {@code max} bytes (a {@link BadAnswer} past that); null when the connection ended first. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        int read = 0;
        while ((b = in.read()) != -1 && b != '\n') {
            if (++read > max) {
                throw new BadAnswer("an answer whose head or framing has a line too long (over "
                        + AnswerLimits.size(AnswerLimits.HEAD_BYTES) + " in all)");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && read == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A line of the head, which must be there, taken from what is left of the head's budget. */
    private static String headLine(InputStream in, int[] budget) throws IOException {
        String line = readLine(in, Math.max(0, budget[0]));
        if (line == null) {
            throw new IOException("the engine closed the connection");
        }
        budget[0] -= line.length() + 2;
        return line;
    }

    /** A line of a chunk framing, which must be there. */
    private static String header(InputStream in) throws IOException {
        String line = readLine(in, 4096);
        if (line == null) {
            throw new IOException("the engine closed the connection mid-answer");
        }
        return line;
    }

    /** A body of known length. */
    private static final class Limited extends FilterInputStream implements Framed {
        long left;

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
            if (b < 0) {
                throw new IOException("the engine closed the connection mid-answer");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the engine closed the connection mid-answer");
            }
            left -= n;
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
                left = chunkSize(header(in));
                if (left == 0) {
                    // Trailers, if any, up to the empty line that ends the answer.
                    int[] budget = {AnswerLimits.HEAD_BYTES};
                    for (int count = 0; !headLine(in, budget).isEmpty(); count++) {
                        if (count >= AnswerLimits.HEADERS) {
                            throw new BadAnswer("an answer with more than " + AnswerLimits.HEADERS + " trailers");
                        }
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
            if (left == 0 && !header(in).isEmpty()) {
                throw new BadAnswer("a chunk longer than its size");
            }
            return n;
        }

        /** Hex digits, an extension after ';' ignored, at most {@link AnswerLimits#CHUNK_BYTES}. */
        private static long chunkSize(String line) throws BadAnswer {
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
            boolean valid = !hex.isEmpty() && hex.length() <= 8;
            for (int i = 0; valid && i < hex.length(); i++) {
                valid = Character.digit(hex.charAt(i), 16) >= 0;
            }
            long size = valid ? Long.parseLong(hex, 16) : -1;
            if (!valid) {
                throw new BadAnswer("an answer whose chunk size is not a size: \"" + shown(line) + "\"");
            }
            if (size > AnswerLimits.CHUNK_BYTES) {
                throw new BadAnswer("a chunk of " + size + " bytes, more than the " + AnswerLimits.size(AnswerLimits.CHUNK_BYTES)
                        + " an engine's answer may have");
            }
            return size;
        }
    }
}
