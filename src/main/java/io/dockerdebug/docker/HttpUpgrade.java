package io.dockerdebug.docker;


import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one HTTP/1.1 request with "Upgrade: tcp" over a raw connection and hands back the
 * connection as the process's stream, the way the docker CLI's hijack does.
 */
final class HttpUpgrade {
    private HttpUpgrade() {
    }

    static RawConnection post(Transport transport, String path, String jsonBody) {
        RawConnection conn;
        try {
            conn = transport.connect();
        } catch (IOException e) {
            throw new EngineException("cannot connect to the Docker engine: " + e.getMessage(), e);
        }
        try {
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + "User-Agent: docker-debug\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n";
            OutputStream out = conn.output();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedInputStream in = new BufferedInputStream(conn.input(), 64 * 1024);
            Response response = readHead(in);
            if (response.status >= 300 || response.status < 100) {
                throw new EngineException(response.status, errorMessage(in, response));
            }
            return new RawConnection() {
                public InputStream input() { return in; }
                public OutputStream output() { return out; }
                public void closeWrite() throws IOException { conn.closeWrite(); }
                public void close() { conn.close(); }
            };
        } catch (IOException e) {
            conn.close();
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }


    private record Response(int status, long contentLength, boolean chunked) {
    }

    private static Response readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("unexpected answer from the engine: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        return new Response(status, length, chunked);
    }

    private static String readLine(InputStream in) throws IOException {
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

    private static String errorMessage(InputStream in, Response response) throws IOException {
        byte[] body;
        if (response.chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
                 size = Integer.parseInt(readLine(in).trim(), 16)) {
                all.write(in.readNBytes(size));
                readLine(in);
            }
            body = all.toByteArray();
        } else if (response.contentLength >= 0) {
            body = in.readNBytes((int) Math.min(response.contentLength, 1 << 20));
        } else {
            body = in.readNBytes(1 << 20);
        }
        return EngineErrors.message(body, response.status);
    }
}
