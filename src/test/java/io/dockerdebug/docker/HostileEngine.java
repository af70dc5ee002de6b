package io.dockerdebug.docker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake engine on a loopback TCP port that answers every request with what {@link #answer}
 * says: exact bytes, slow drips, an endless body. It reads each request's head and body as an
 * engine does (so that a kept-alive connection sees its next request) and counts connections,
 * so a test can tell a dropped connection from a reused one.
 */
final class HostileEngine implements AutoCloseable {
    /** What the engine writes for one request; it may block, and ends when it returns or the client left. */
    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Answer answer;

    HostileEngine(Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("hostile-engine").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().name("hostile-engine-conn").start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Canned bytes (ISO-8859-1), then the connection stays open for the next request. */
    static Answer bytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return out -> out.write(b);
    }

    /** {@code head}, then {@code pattern} again and again until the client goes away. */
    static Answer endless(String head, String pattern) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] p = pattern.repeat(Math.max(1, 8192 / Math.max(1, pattern.length()))).getBytes(StandardCharsets.ISO_8859_1);
        return out -> {
            out.write(h);
            while (true) {
                out.write(p);
            }
        };
    }

    void answer(Answer a) {
        this.answer = a;
    }

    URI uri() {
        return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
    }

    /** An engine client of this fake, API version pinned (no ping first). */
    HttpDockerEngine client(Duration timeout) {
        return new HttpDockerEngine(new DockerEndpoint(uri(), false, null, false, "1.41", "test"), timeout, null);
    }

    int connections() {
        return connections.get();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                long length = 0;
                String line = EngineHttp.readLine(in);
                if (line == null) {
                    return;
                }
                for (String h = EngineHttp.readLine(in); h != null && !h.isEmpty(); h = EngineHttp.readLine(in)) {
                    if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Long.parseLong(h.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                answer.write(out);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (or dropped the connection past a cap)
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
