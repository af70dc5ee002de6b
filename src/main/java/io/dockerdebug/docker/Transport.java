package io.dockerdebug.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Opens raw connections to an endpoint: unix sockets through NIO, plain TCP through a socket. */
public interface Transport {

    RawConnection connect() throws IOException;

    static Transport forEndpoint(DockerEndpoint endpoint) {
        URI host = endpoint.host();
        return switch (host.getScheme()) {
            case "unix" -> () -> unix(Path.of(host.getPath()));
            case "tcp" -> {
                if (endpoint.usesTls()) {
                    throw new EngineException(0, "TLS connections are not supported yet: " + host);
                }
                yield () -> tcp(host.getHost(), host.getPort() < 0 ? 2375 : host.getPort());
            }
            default -> throw new EngineException(0, "unsupported docker host " + host);
        };
    }

    private static RawConnection unix(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        // JDK 25's channel streams allow one reader and one writer at once (no shared blocking lock).
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel);
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return out; }
            public void closeWrite() throws IOException { channel.shutdownOutput(); }
            public void close() { closeQuietly(channel); }
        };
    }

    private static RawConnection tcp(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        return socketConnection(socket);
    }

    static RawConnection socketConnection(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return out; }
            public void closeWrite() throws IOException { socket.shutdownOutput(); }
            public void close() { closeQuietly(socket); }
        };
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
