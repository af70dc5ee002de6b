package io.dockerdebug.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Waits on the engine's events stream for the first event that matches its filters, on a
 * connection of our own that is closed at once afterwards (the stream itself never ends).
 */
final class EventStream {
    private EventStream() {
    }

    /** Returns "event" when one arrived, "lost" when the engine ended the stream or could not be reached. */
    static String awaitFirst(Transport transport, String path) {
        RawConnection conn;
        try {
            conn = transport.connect();
        } catch (IOException e) {
            return "lost";
        }
        try (conn) {
            OutputStream out = conn.output();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: docker-debug\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(conn.input());
            String status = line(in);
            if (status == null || !status.matches("HTTP/1\\.[01] 200.*")) {
                return "lost";
            }
            for (String h = line(in); h != null; h = line(in)) {
                if (h.isEmpty()) {
                    break;
                }
            }
            // Chunked body: the first chunk of non-zero size carries an event.
            for (String size = line(in); size != null; size = line(in)) {
                String s = size.strip();
                if (s.isEmpty()) {
                    continue;
                }
                int n;
                try {
                    n = Integer.parseInt(s.split(";")[0], 16);
                } catch (NumberFormatException e) {
                    // not a chunk size (an unchunked body): any byte is an event
                    return "event";
                }
                return n > 0 ? "event" : "lost";
            }
            return "lost";
        } catch (IOException e) {
            return "lost";
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
