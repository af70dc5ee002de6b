package io.dockerdebug.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unix socket in a private temp directory (mode 700) whose every connection is piped through a
 * fresh connection of a {@link Transport}: how docker-java's HTTP client reaches engines it
 * cannot reach itself: ssh:// (each connection its own {@code ssh … docker system dial-stdio})
 * and TLS without verification (docker-java's TLS strategy always checks the host name).
 * Nothing connects until docker-java does; close() ends the connections and removes the socket
 * and directory (also at JVM exit).
 */
final class SocketForwarder implements Closeable {
    private final Transport transport;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Set<RawConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile IOException lastFailure;

    SocketForwarder(Transport transport) {
        this.transport = transport;
        try {
            this.dir = Files.createTempDirectory("docker-debug-engine-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            this.socket = dir.resolve("docker.sock");
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            // Also when a signal ends the JVM before close(): socket first, then the directory.
            dir.toFile().deleteOnExit();
            socket.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new EngineException("cannot set up a local socket for the engine connection: " + e.getMessage(), e);
        }
        Thread.ofPlatform().daemon().name("docker-debug-forwarder").start(this::acceptLoop);
    }

    Path socket() {
        return socket;
    }

    /** Why the last connection to the engine failed, or null. */
    IOException lastFailure() {
        return lastFailure;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread.ofPlatform().daemon().start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        RawConnection remote;
        try {
            remote = transport.connect();
            lastFailure = null;
        } catch (IOException e) {
            lastFailure = e;
            Transport.closeQuietly(client);
            return;
        }
        open.add(remote);
        InputStream fromClient = Channels.newInputStream(client);
        OutputStream toClient = Channels.newOutputStream(client);
        Thread up = Thread.ofPlatform().daemon().start(() -> {
            try {
                pump(fromClient, remote.output());
                remote.closeWrite();
            } catch (IOException ignored) {
                // either side went away
            }
        });
        try {
            pump(remote.input(), toClient);
            client.shutdownOutput();
        } catch (IOException ignored) {
            // either side went away
        }
        try {
            up.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Transport.closeQuietly(client);
        remote.close();
        open.remove(remote);
    }

    /** Copies until EOF, flushing every chunk (a process's stdin is buffered). */
    private static void pump(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[16 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        Transport.closeQuietly(server);
        for (RawConnection c : open) {
            c.close();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort: the directory is private and in the temp dir
        }
    }
}
