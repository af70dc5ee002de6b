package io.dockerdebug;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Local ports forwarded into a container's network namespace, opened by
 * {@link DockerDebug#forwardPorts}: each accepted connection reaches {@code 127.0.0.1:PORT} as
 * the container sees it (published or not), through one relay sidecar and the engine's
 * connection (so over ssh and TLS too). Half-closes pass both ways. Closing stops listening,
 * ends every connection and removes the sidecar; a JVM that dies leaves no sidecar either.
 */
public interface PortForward extends AutoCloseable {

    /**
     * Where each mapping listens, in the order given (with the port chosen for a local port 0).
     *
     * @return the bound local addresses
     */
    List<InetSocketAddress> localAddresses();

    /**
     * The container's port of each mapping, in the order given.
     *
     * @return the remote ports
     */
    List<Integer> remotePorts();

    /**
     * Accepts and forwards connections until the container or the sidecar ends, or until
     * {@link #close()} is called.
     *
     * @return why it ended (one line for the user), or empty when it was closed
     */
    Optional<String> serve();

    /** Stops listening, ends every connection and removes the sidecar; idempotent. */
    @Override
    void close();
}
