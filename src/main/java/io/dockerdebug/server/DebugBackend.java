package io.dockerdebug.server;

import io.dockerdebug.debug.DebugException;
import io.dockerdebug.debug.DebugRequest;
import io.dockerdebug.debug.DebugService;
import io.dockerdebug.debug.Labels;
import io.dockerdebug.debug.DebugSession;
import io.dockerdebug.debug.PullPolicy;
import io.dockerdebug.debug.SidecarPruner;
import io.dockerdebug.debug.Sidecars;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.HttpDockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.docker.StdStreamDemuxer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The one adapter between the server and the debugger's library. */
public final class DebugBackend implements Backend {
    private static final String TERM = "TERM=xterm-256color";

    private final EngineCatalog catalog;
    private final Map<String, HttpDockerEngine> engines = new ConcurrentHashMap<>();

    public DebugBackend(EngineCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<EngineInfo> engines() {
        List<EngineInfo> all = new ArrayList<>();
        for (String name : catalog.names()) {
            DockerEndpoint e = catalog.endpoint(name);
            all.add(new EngineInfo(name, e.host().toString(), e.source()));
        }
        return all;
    }

    private HttpDockerEngine engine(String name) {
        if (!catalog.names().contains(name)) {
            throw new ApiException(125, 404, "no such engine: " + name);
        }
        return engines.computeIfAbsent(name, n -> new HttpDockerEngine(catalog.endpoint(n),
                catalog.config().timeoutOrDefault(), catalog.registryAuth()));
    }

    @Override
    public List<ContainerInfo> containers(String engine) {
        // Sidecars are not targets: they have their own list.
        return call(() -> engine(engine).listContainers(io.dockerdebug.docker.ContainerFilter.all()).stream()
                .filter(c -> !c.labels().containsKey(Labels.SIDECAR))
                .map(DebugBackend::container).toList());
    }

    private static ContainerInfo container(ContainerSummary c) {
        return new ContainerInfo(c.id(), c.name(), c.image(), c.state(), c.status(), c.created());
    }

    @Override
    public void awaitContainerChange(String engine, long timeoutMillis) throws InterruptedException {
        // The library has no general events stream yet: look again every second.
        List<ContainerInfo> before = containers(engine);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (!containers(engine).equals(before)) {
                return;
            }
        }
    }

    private DebugRequest request(SessionSpec spec, boolean tty) {
        var config = catalog.config();
        List<String> command = spec.command();
        if (spec.shell() == null && command.isEmpty() && config.command() != null && !config.command().isBlank()) {
            command = List.of(config.command().trim().split("\\s+"));
        }
        String image = spec.image() != null ? spec.image()
                : config.image() != null ? config.image() : DebugRequest.DEFAULT_IMAGE;
        String mountDir = config.mountDir() != null ? config.mountDir() : DebugRequest.DEFAULT_MOUNT_DIR;
        PullPolicy pull;
        try {
            pull = PullPolicy.parse(Objects.requireNonNullElse(spec.pull(), "missing"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new DebugRequest(spec.target(), image, command, spec.shell(), List.of(), spec.user(), spec.workdir(),
                mountDir, spec.privileged(), spec.capAdd(), List.of(), false, pull, tty, "ctrl-p,ctrl-q",
                tty ? List.of(TERM) : List.of(), spec.keep());
    }

    @Override
    public Session open(String engine, SessionSpec spec) {
        DebugRequest request = request(spec, true);
        HttpDockerEngine e = engine(engine);
        DebugSession session = call(() -> new DebugService(e).open(request, PullListener.NONE, note -> { }));
        return new TtySession(session);
    }

    @Override
    public ExecResult exec(String engine, SessionSpec spec, int maxBytes) {
        DebugRequest request = request(spec, false);
        HttpDockerEngine e = engine(engine);
        try (DebugSession session = call(() -> new DebugService(e).open(request, PullListener.NONE, note -> { }))) {
            RawConnection conn = call(session::start);
            try (conn) {
                conn.closeWrite();
                Bounded out = new Bounded(maxBytes);
                Bounded err = new Bounded(maxBytes);
                StdStreamDemuxer.copy(conn.input(), out, err);
                String tail = err.text() + out.text();
                int code = call(() -> session.exitCode(tail.length() > 512 ? tail.substring(tail.length() - 512) : tail));
                return new ExecResult(out.toByteArray(), err.toByteArray(), code, out.truncated || err.truncated);
            } catch (IOException ex) {
                throw new ApiException(125, 502, "exec failed: " + ex.getMessage());
            }
        }
    }

    @Override
    public List<SidecarInfo> sidecars(String engine) {
        return call(() -> new Sidecars(engine(engine)).list().stream()
                .map(s -> new SidecarInfo(s.id(), s.targetId(), s.targetName(), s.image(), s.created().getEpochSecond(),
                        s.kept(), s.state(), s.status()))
                .toList());
    }

    @Override
    public List<String> removeSidecars(String engine, List<String> ids) {
        Sidecars.Removal r = call(() -> new Sidecars(engine(engine)).remove(ids, false, null));
        if (!r.errors().isEmpty()) {
            throw new ApiException(125, 404, r.errors().getFirst());
        }
        return r.removed();
    }

    @Override
    public List<String> prune(String engine) {
        return call(() -> new SidecarPruner(engine(engine)).prune(null, false));
    }

    @Override
    public Defaults defaults() {
        var c = catalog.config();
        return new Defaults(c.image() != null ? c.image() : DebugRequest.DEFAULT_IMAGE,
                c.mountDir() != null ? c.mountDir() : DebugRequest.DEFAULT_MOUNT_DIR, c.command());
    }

    @Override
    public void close() {
        engines.values().forEach(HttpDockerEngine::close);
    }

    /** Library and engine errors as API errors: bad input 400, a missing container 404, else 502. */
    private static <T> T call(Supplier<T> s) {
        try {
            return s.get();
        } catch (io.dockerdebug.InvalidOptionsException e) {
            throw new ApiException(e.exitCode(), 400, e.getMessage());
        } catch (DebugException e) {
            int status = e.getMessage() != null && e.getMessage().startsWith("invalid") ? 400
                    : e.getMessage() != null && e.getMessage().toLowerCase().contains("no such container") ? 404 : 502;
            throw new ApiException(e.exitCode(), status, e.getMessage());
        } catch (EngineException e) {
            throw new ApiException(125, e.isNotFound() ? 404 : 502, e.getMessage());
        } catch (io.dockerdebug.DockerDebugException e) {
            throw new ApiException(e.exitCode(), 502, e.getMessage());
        }
    }

    /** A TTY session over the library's {@link DebugSession}. */
    private static final class TtySession implements Session {
        private final DebugSession session;
        private volatile RawConnection conn;

        TtySession(DebugSession session) {
            this.session = session;
        }

        @Override
        public String sidecarId() {
            return session.sidecarId();
        }

        @Override
        public String targetName() {
            return session.target().name();
        }

        @Override
        public void start() {
            conn = call(session::start);
        }

        @Override
        public InputStream output() {
            return conn.input();
        }

        @Override
        public OutputStream input() {
            return conn.output();
        }

        @Override
        public void resize(int columns, int rows) {
            session.resize(columns, rows, 10);
        }

        @Override
        public int exitCode() {
            return call(() -> session.exitCode(""));
        }

        @Override
        public void close() {
            RawConnection c = conn;
            if (c != null) {
                c.close();
            }
            session.close();
        }
    }

    /** Keeps the first {@code max} bytes and notes whether more came. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final int max;
        boolean truncated;

        Bounded(int max) {
            this.max = max;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, max - count);
            if (len > room) {
                truncated = true;
            }
            super.write(b, off, Math.min(len, room));
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        String text() {
            return toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
