package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.SidecarOptions.PullPolicy;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.threads.Threads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code port-forward}: local listeners whose connections each reach a port inside the target's
 * network namespace. One sidecar joins that namespace (the same dead-man's switch as a session:
 * it goes when we go, even on SIGKILL); each accepted connection gets its own relay there, an
 * exec of {@code nc 127.0.0.1 PORT} whose stdin/stdout are the connection's two directions,
 * carried by the engine connection (so it works over ssh and TLS as well). The relay sees a
 * half-close as stdin EOF and shuts down its own sending side, so half-closes pass both ways.
 */
public final class PortForwarder implements io.dockerdebug.PortForward {
    private final DockerEngine engine;
    private final List<PortMapping> mappings;
    private final List<ServerSocket> listeners;
    private final Consumer<String> notes;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile DebugSession session;
    private volatile boolean closed;

    private PortForwarder(DockerEngine engine, List<PortMapping> mappings, List<ServerSocket> listeners,
                          Consumer<String> notes) {
        this.engine = engine;
        this.mappings = List.copyOf(mappings);
        this.listeners = listeners;
        this.notes = notes;
    }

    /**
     * Binds every local address first (a port in use fails before anything is created), then
     * starts the sidecar. The caller must close the result.
     */
    public static PortForwarder open(DockerEngine engine, String target, String image, PullPolicy pull,
                                     List<PortMapping> mappings, PullListener pullListener, Consumer<String> notes) {
        if (mappings.isEmpty()) {
            throw new InvalidOptionsException("name at least one port: [[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT");
        }
        List<ServerSocket> listeners = new ArrayList<>();
        PortForwarder forwarder = new PortForwarder(engine, mappings, listeners, notes);
        try {
            for (PortMapping m : mappings) {
                try {
                    ServerSocket s = new ServerSocket();
                    listeners.add(s);
                    s.bind(new InetSocketAddress(InetAddress.getByName(m.localAddress()), m.localPort()), 128);
                } catch (IOException e) {
                    throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot listen on " + m.localAddress() + ":"
                            + m.localPort() + ": " + e.getMessage());
                }
            }
            // A relay of the target's network namespace: no mount dir, nothing else of a session's options.
            DebugRequest request = new DebugRequest(target,
                    SidecarOptions.builder().image(image).pull(pull).mountDir("").build(), CommandOptions.of("true"));
            // Only the network namespace matters here: a note about IPC would be noise.
            forwarder.session = new DebugService(engine).open(request, pullListener, note -> {
                if (!note.startsWith("not joining IPC")) {
                    notes.accept(note);
                }
            });
            return forwarder;
        } catch (RuntimeException e) {
            forwarder.close();
            throw e;
        }
    }

    /** Where each mapping listens (the port chosen when LOCAL_PORT was 0), in the order given. */
    @Override
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        listeners.forEach(s -> all.add((InetSocketAddress) s.getLocalSocketAddress()));
        return all;
    }

    @Override
    public List<Integer> remotePorts() {
        return mappings.stream().map(PortMapping::remotePort).toList();
    }

    /**
     * Accepts and forwards until the sidecar or the target ends (then returns a line saying
     * why) or {@link #close} is called (then returns empty).
     */
    @Override
    public java.util.Optional<String> serve() {
        for (int i = 0; i < listeners.size(); i++) {
            ServerSocket listener = listeners.get(i);
            int remote = mappings.get(i).remotePort();
            Threads.daemon("port-forward-" + remote, () -> accept(listener, remote));
        }
        try {
            session.sidecarEnded().join();
        } catch (RuntimeException e) {
            // ended all the same
        }
        if (closed) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(session.targetProblem().orElse("the port-forward sidecar ended"));
    }

    private void accept(ServerSocket listener, int remotePort) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                Threads.daemon("forward-" + remotePort, () -> forward(client, remotePort));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void forward(Socket client, int remotePort) {
        RawConnection conn = null;
        try {
            String exec = engine.createExec(session.sidecarId(), new ExecSpec(
                    SidecarScript.RELAY.argv("relay", Integer.toString(remotePort)), false, null, null, List.of()));
            conn = engine.startExec(exec, false);
            // The relay sees the client's end as stdin EOF: the half-close passes on.
            ExecStream relay = new ExecStream(conn, false);
            Thread up = relay.startInput(client.getInputStream(), null, true);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // However it ends (relay or client gone), the other direction ends too.
            relay.copyOutput(client.getOutputStream(), new Bounded(err, 512));
            try {
                client.shutdownOutput();
            } catch (IOException e) {
                // client gone
            }
            String problem = err.toString(StandardCharsets.UTF_8).strip();
            if (!problem.isEmpty() && !closed) {
                notes.accept("port " + remotePort + ": " + problem.lines().reduce((a, b) -> b).orElse(problem));
            }
            up.join();
        } catch (EngineException | IOException e) {
            if (!closed) {
                notes.accept("port " + remotePort + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (conn != null) {
                conn.close();
            }
            closeQuietly(client);
            open.remove(client);
        }
    }

    /** Stops listening, ends every connection and removes the sidecar; safe to call more than once. */
    @Override
    public void close() {
        closed = true;
        listeners.forEach(PortForwarder::closeQuietly);
        open.forEach(PortForwarder::closeQuietly);
        DebugSession s = session;
        if (s != null) {
            s.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** Keeps the first bytes of the relay's stderr, for one line. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream into;
        private final int max;

        Bounded(ByteArrayOutputStream into, int max) {
            this.into = into;
            this.max = max;
        }

        @Override
        public void write(int b) {
            if (into.size() < max) {
                into.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            into.write(b, off, Math.max(0, Math.min(len, max - into.size())));
        }
    }
}
