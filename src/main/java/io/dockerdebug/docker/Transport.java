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
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens raw connections to an endpoint: unix sockets through NIO, TCP (plain or TLS) through a socket, ssh through {@code ssh … docker system dial-stdio}. */
public interface Transport {

    RawConnection connect() throws IOException;

    /**
     * {@code tls}: the endpoint's TLS context when it uses TLS (see {@link Tls}).
     * {@code connectTimeout} bounds the TCP connect and the TLS handshake.
     */
    static Transport forEndpoint(DockerEndpoint endpoint, Duration connectTimeout, SSLContext tls) {
        URI host = endpoint.host();
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        return switch (host.getScheme()) {
            case "unix" -> () -> unix(Path.of(host.getPath()));
            case "tcp" -> {
                int port = host.getPort() < 0 ? (endpoint.usesTls() ? 2376 : 2375) : host.getPort();
                if (endpoint.usesTls()) {
                    yield () -> tls(tls, host.getHost(), port, endpoint.tlsVerify(), connectTimeout);
                }
                yield () -> tcp(host.getHost(), port, timeoutMs);
            }
            case "ssh" -> {
                SshCommand ssh = SshCommand.of(host);
                yield ssh::connect;
            }
            default -> throw new EngineException(0, "unsupported docker host " + host);
        };
    }

    private static RawConnection tls(SSLContext ctx, String host, int port, boolean verify, Duration timeout)
            throws IOException {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
            if (verify) {
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
            }
            // A peer that accepts and never answers must not hold the handshake forever.
            socket.setSoTimeout(timeoutMs);
            try {
                socket.startHandshake();
            } catch (java.net.SocketTimeoutException e) {
                throw new CallDeadline.Expired(timeout, e);
            }
            socket.setSoTimeout(0);
            // TLS 1.3 half-close: shutdownOutput sends close_notify and keeps reading. The plain
            // socket closes first: that ends a read blocked in another thread (a call's deadline)
            // at once, where the TLS layer's close could wait for that read.
            return socketConnection(socket, plain);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
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

    private static RawConnection tcp(String host, int port, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMs);
        return socketConnection(socket);
    }

    static RawConnection socketConnection(Socket socket) throws IOException {
        return socketConnection(socket, socket);
    }

    /** {@code underneath}: the plain socket of a TLS one, closed before it (else the socket itself). */
    private static RawConnection socketConnection(Socket socket, Socket underneath) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return out; }
            public void closeWrite() throws IOException { socket.shutdownOutput(); }
            public void close() {
                closeQuietly(underneath);
                closeQuietly(socket);
            }
        };
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
