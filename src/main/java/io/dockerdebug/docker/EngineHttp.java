package io.dockerdebug.docker;

import java.io.BufferedInputStream;
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

/**
 * Plain HTTP/1.1 requests to the engine, one connection each ("Connection: close"), over our
 * own {@link Transport}. A session makes a handful of calls on a local socket, where a new
 * connection costs well under a millisecond; a pooling client with TLS set up (and the JDK's
 * trust store read) cost a third of a one-off session's start-up.
 */
final class EngineHttp {
    private EngineHttp() {
    }

    /** A response whose body is read as it comes; close it to close the connection. */
    static final class Response implements AutoCloseable {
        final int status;
        final InputStream body;
        private final Map<String, String> headers;
        private final RawConnection conn;
        private final CallDeadline deadline;

        Response(int status, Map<String, String> headers, InputStream body, RawConnection conn, CallDeadline deadline) {
            this.status = status;
            this.headers = headers;
            this.body = deadline == null ? body : deadline.guard(body);
            this.conn = conn;
            this.deadline = deadline;
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

        @Override
        public void close() {
            if (deadline != null) {
                deadline.close();
            }
            conn.close();
        }
    }

    /** The engine could not be reached at all (nothing was sent). */
    static final class ConnectException extends IOException {
        ConnectException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    static Response send(Transport transport, String method, String path, byte[] body) throws IOException {
        return send(transport, method, path, body, Map.of());
    }

    static Response send(Transport transport, String method, String path, byte[] body, Map<String, String> extraHeaders)
            throws IOException {
        return send(transport, method, path, body, extraHeaders, false);
    }

    /**
     * With {@code upgrade}, asks for "Upgrade: tcp" (attach, exec start): on success the body is
     * the rest of the connection, the process's stream, as the docker CLI's hijack has it.
     */
    static Response send(Transport transport, String method, String path, byte[] body, Map<String, String> extraHeaders,
                         boolean upgrade) throws IOException {
        return send(transport, method, path, body, extraHeaders, upgrade, null);
    }

    /**
     * With a {@code timeout} (non-streaming calls), the connection is closed when the whole answer
     * has not been read by then, and the read fails with a {@link CallDeadline.Expired}.
     */
    static Response send(Transport transport, String method, String path, byte[] body, Map<String, String> extraHeaders,
                         boolean upgrade, Duration timeout) throws IOException {
        RawConnection conn;
        try {
            conn = transport.connect();
        } catch (IOException e) {
            throw new ConnectException(e);
        }
        CallDeadline deadline = timeout == null ? null : CallDeadline.start(timeout, conn);
        try {
            StringBuilder head = new StringBuilder(256)
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\n")
                    .append("User-Agent: docker-debug\r\n")
                    .append(upgrade ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n");
            extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            OutputStream out = conn.output();
            byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body == null) {
                out.write(h);
            } else {
                byte[] all = new byte[h.length + body.length];
                System.arraycopy(h, 0, all, 0, h.length);
                System.arraycopy(body, 0, all, h.length, body.length);
                out.write(all);
            }
            out.flush();
            InputStream in = new BufferedInputStream(conn.input(), upgrade ? 64 * 1024 : 16 * 1024);
            int status = 0;
            long length = -1;
            boolean chunked = false;
            Map<String, String> headers = new HashMap<>();
            // 1xx answers (100 Continue) come before the real one; 101 is the upgrade itself.
            while (status == 0 || (status / 100 == 1 && status != 101)) {
                String statusLine = readLine(in);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new IOException("unexpected answer from the engine: " + statusLine);
                }
                status = Integer.parseInt(parts[1]);
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
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
                    }
                }
            }
            InputStream bodyIn;
            if (upgrade && status >= 100 && status < 300) {
                bodyIn = in; // the hijacked stream
            } else if (chunked) {
                bodyIn = new Chunked(in);
            } else if (length >= 0) {
                bodyIn = new Limited(in, length);
            } else if (status == 204 || status == 304 || method.equals("HEAD")) {
                bodyIn = InputStream.nullInputStream();
            } else {
                bodyIn = in; // Connection: close: the body ends with the connection
            }
            return new Response(status, headers, bodyIn, conn, deadline);
        } catch (IOException e) {
            closeAll(conn, deadline);
            throw deadline == null ? e : deadline.translate(e);
        } catch (RuntimeException e) {
            closeAll(conn, deadline);
            throw e;
        }
    }

    private static void closeAll(RawConnection conn, CallDeadline deadline) {
        if (deadline != null) {
            deadline.close();
        }
        conn.close();
    }

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
            throw new IOException("the engine closed the connection");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A body of known length. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long length) {
            super(in);
            this.left = length;
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
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = readLine(in).trim();
                int semi = size.indexOf(';');
                left = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
                if (left == 0) {
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
                readLine(in); // CRLF after the chunk
            }
            return n;
        }
    }
}
