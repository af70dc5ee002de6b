package io.dockerdebug;

import io.dockerdebug.config.Config;
import io.dockerdebug.debug.DebugRequest;
import io.dockerdebug.debug.DebugService;
import io.dockerdebug.debug.DebugSession;
import io.dockerdebug.debug.SessionIo;
import io.dockerdebug.debug.SidecarPruner;
import io.dockerdebug.debug.Sidecars;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.HttpDockerEngine;
import io.dockerdebug.docker.EngineException;

import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The docker-debug library: runs commands and shells in a sidecar container that shares a
 * running container's pid, network and (when shareable) IPC namespaces, with the target's files
 * under a mount dir, and removes the sidecar afterwards.
 *
 * <pre>{@code
 * try (DockerDebug debug = DockerDebug.connect()) {
 *     ExecResult r = debug.exec("web", "ss", "-lntp");
 *     System.out.println(r.exitCode() + " " + r.stdoutText());
 * }
 * }</pre>
 *
 * <p>Connect the way the {@code docker-debug} command does ({@link #connect()}, or
 * {@link #builder()} with a host, context or profile), to an explicit host with its TLS
 * material, or with the host and TLS settings of a docker-java transport (Testcontainers').
 *
 * <p>One instance is safe to use from several threads and holds any number of sessions at
 * once. {@link #close()} ends its open sessions and removes their sidecars. A JVM that dies,
 * even by SIGKILL, leaves no sidecar behind: each sidecar's main process reads a connection of
 * ours and ends with it (kept sidecars excepted, which is what {@code keep} asks for).
 */
public final class DockerDebug implements AutoCloseable {
    private final DockerEngine engine;
    private final EngineInfo engineInfo;
    private final Defaults defaults;
    private final PullProgressListener pullListener;
    private final Consumer<String> notes;
    private final int maxOutputBytes;
    private final OpenSessions sessions = new OpenSessions();

    /** The config file's defaults for what options leave open. */
    record Defaults(String image, String mountDir, List<String> command, boolean chroot) {
        static final Defaults BUILT_IN = new Defaults(null, null, List.of(), false);

        static Defaults of(Config c) {
            List<String> command = c.command() == null || c.command().isBlank() ? List.of()
                    : List.of(c.command().trim().split("\\s+"));
            return new Defaults(c.image(), c.mountDir(), command, Boolean.TRUE.equals(c.chroot()));
        }
    }

    DockerDebug(DockerEngine engine, EngineInfo engineInfo, Defaults defaults, PullProgressListener pullListener,
                Consumer<String> notes, int maxOutputBytes) {
        this.engine = engine;
        this.engineInfo = engineInfo;
        this.defaults = defaults;
        this.pullListener = pullListener;
        this.notes = notes;
        this.maxOutputBytes = maxOutputBytes;
    }

    /**
     * Connects the way the {@code docker-debug} command does without flags: {@code DOCKER_HOST},
     * {@code DOCKER_CONTEXT}, the config file's default profile, the docker CLI's current
     * context, else the default socket.
     *
     * @return a connected instance; nothing is sent to the engine before the first call
     * @throws InvalidOptionsException when the environment or config file is invalid
     */
    public static DockerDebug connect() {
        return builder().build();
    }

    /**
     * The docker CLI's contexts that {@link Builder#context(String)} can name, as
     * {@code docker context ls} lists them (the current {@code DOCKER_CONFIG} directory's).
     *
     * @param env the environment to read {@code DOCKER_CONFIG} and {@code HOME} from
     * @return the context names; empty when there are none or they cannot be read
     */
    public static List<String> dockerContexts(Map<String, String> env) {
        return io.dockerdebug.docker.DockerCliConfig.of(env).contextNames();
    }

    /**
     * A builder for choosing the engine and the listeners.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Gets the JSON machinery ready (class loading and static set-up) so that a thread started
     * early, while a command line is parsed, saves that time on the first engine call.
     */
    public static void warmUp() {
        HttpDockerEngine.warmUp();
    }

    /**
     * Where the engine is and which setting chose it; known without a call to the engine.
     *
     * @return the engine's address and TLS settings
     */
    public EngineInfo engine() {
        return engineInfo;
    }

    /**
     * Asks the engine about itself.
     *
     * @return its version, platform and storage driver
     * @throws EngineFailureException when it cannot be reached
     */
    public ServerInfo server() {
        if (!(engine instanceof HttpDockerEngine real)) {
            throw new EngineFailureException(0, "this engine does not report its version");
        }
        String used = real.apiVersion();
        HttpDockerEngine.ServerInfo s = real.serverInfo();
        return new ServerInfo(s.version(), s.apiVersion(), s.minApiVersion(), s.os(), s.arch(), s.storageDriver(),
                s.name(), used);
    }

    /**
     * The sidecar options of the config file: its image and mount dir, or the built-in ones.
     *
     * @return defaults to start a {@link SidecarOptions.Builder} from
     */
    public SidecarOptions sidecarDefaults() {
        return SidecarOptions.builder().image(imageOf(SidecarOptions.defaults())).mountDir(mountDirOf(SidecarOptions.defaults()))
                .build();
    }

    /**
     * The command options of the config file: its {@code command} (run when a session names no
     * command and no shell), or none for the toolbox's login shell.
     *
     * @return defaults to start a {@link CommandOptions.Builder} from
     */
    public CommandOptions commandDefaults() {
        return CommandOptions.builder().command(defaults.command()).build();
    }

    /**
     * Runs a command in a new sidecar of {@code target} with the default options, without input.
     *
     * @param target  the container: name, id or unique id prefix
     * @param command the program and its arguments
     * @return the exit code and the output (up to the builder's limit)
     * @throws DockerDebugException when the sidecar cannot be made or the session is lost
     */
    public ExecResult exec(String target, String... command) {
        return exec(target, SidecarOptions.defaults(), CommandOptions.of(command));
    }

    /**
     * Runs a command in a sidecar of {@code target}, without input.
     *
     * @param target  the container: name, id or unique id prefix
     * @param sidecar how the sidecar is made
     * @param command what runs in it
     * @return the exit code and the output (up to the builder's limit)
     * @throws DockerDebugException when the sidecar cannot be made or the session is lost
     */
    public ExecResult exec(String target, SidecarOptions sidecar, CommandOptions command) {
        return exec(target, sidecar, command, maxOutputBytes);
    }

    /**
     * Runs a command in a sidecar of {@code target}, without input, keeping at most
     * {@code maxOutputBytes} of each stream: for a caller, such as a server, whose limit differs
     * from call to call or from the builder's.
     *
     * @param target         the container: name, id or unique id prefix
     * @param sidecar        how the sidecar is made
     * @param command        what runs in it
     * @param maxOutputBytes the most output kept per stream; the rest is dropped and the result says so
     * @return the exit code and the output
     * @throws DockerDebugException when the sidecar cannot be made or the session is lost
     */
    public ExecResult exec(String target, SidecarOptions sidecar, CommandOptions command, int maxOutputBytes) {
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes < 0");
        }
        BoundedBuffer out = new BoundedBuffer(maxOutputBytes);
        BoundedBuffer err = new BoundedBuffer(maxOutputBytes);
        int code = exec(target, sidecar, command, InputStream.nullInputStream(), out, err);
        return new ExecResult(code, out.bytes(), err.bytes(), out.truncated() || err.truncated());
    }

    /**
     * Runs a command in a sidecar of {@code target}, streaming its input and output.
     *
     * @param target  the container: name, id or unique id prefix
     * @param sidecar how the sidecar is made
     * @param command what runs in it
     * @param stdin   the command's input; its end is the command's end of input
     * @param stdout  receives the command's stdout (and stderr with a TTY) as it comes
     * @param stderr  receives the command's stderr as it comes
     * @return the command's exit code
     * @throws DockerDebugException when the sidecar cannot be made or the session is lost
     */
    public int exec(String target, SidecarOptions sidecar, CommandOptions command, InputStream stdin,
                    OutputStream stdout, OutputStream stderr) {
        try (Session session = open(target, sidecar, command, stdout, stderr)) {
            Thread feeder = StreamSession.THREADS.start("stdin", () -> {
                try (OutputStream in = session.stdin()) {
                    stdin.transferTo(in);
                } catch (java.io.IOException e) {
                    // the command stopped reading: its exit code tells the rest
                }
            });
            try {
                return session.exitCode().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "interrupted");
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } finally {
                feeder.interrupt();
            }
        }
    }

    /**
     * Opens a session whose output is read from {@link Session#stdout()} and
     * {@link Session#stderr()}. Read both (or close the session): output waits for its reader.
     *
     * @param target  the container: name, id or unique id prefix
     * @param sidecar how the sidecar is made
     * @param command what runs in it
     * @return the running session; close it to end it and remove its sidecar
     * @throws DockerDebugException when the sidecar cannot be made
     */
    public Session open(String target, SidecarOptions sidecar, CommandOptions command) {
        return open(target, sidecar, command, null, null);
    }

    /**
     * Opens a session whose output is written to the given sinks as it comes, on a thread of
     * the session.
     *
     * @param target  the container: name, id or unique id prefix
     * @param sidecar how the sidecar is made
     * @param command what runs in it
     * @param stdout  receives the command's stdout (and stderr with a TTY)
     * @param stderr  receives the command's stderr
     * @return the running session; close it to end it and remove its sidecar
     * @throws DockerDebugException when the sidecar cannot be made
     */
    public Session open(String target, SidecarOptions sidecar, CommandOptions command, OutputStream stdout,
                        OutputStream stderr) {
        DebugRequest request = request(target, sidecar, command);
        DebugSession prepared = new DebugService(engine).open(request, pullListener::onProgress, notes);
        return sessions.add(StreamSession.start(prepared, request, stdout, stderr, sessions::remove));
    }

    /**
     * Runs a whole session for a user at a terminal, as the {@code docker-debug} command does:
     * raw mode and resizes with a TTY, the detach keys, the exit code; the sidecar is gone when
     * this returns, and on SIGINT, SIGTERM or SIGHUP of the JVM.
     *
     * @param target   the container: name, id or unique id prefix
     * @param sidecar  how the sidecar is made
     * @param command  what runs in it
     * @param stdin    the user's input, or null for none
     * @param stdout   the user's output
     * @param stderr   the user's error output (notes go to the builder's listener)
     * @param terminal opens the user's terminal for a TTY session
     * @return the command's exit code (0 when detached)
     * @throws DockerDebugException when the sidecar cannot be made or the session is lost
     */
    public int run(String target, SidecarOptions sidecar, CommandOptions command, InputStream stdin,
                   OutputStream stdout, OutputStream stderr, Terminal.Opener terminal) {
        DebugRequest request = request(target, sidecar, command);
        SessionIo io = new SessionIo(stdin, stdout, stderr, () -> TerminalConsole.of(terminal.open()),
                pullListener::onProgress, notes);
        return new DebugService(engine).run(request, io);
    }

    /**
     * Forwards local ports to ports inside {@code target}'s network namespace, as the
     * {@code docker-debug port-forward} command does. Every local address is bound before the
     * relay sidecar is made, so a port in use fails first and leaves nothing behind.
     *
     * @param target   the container: name, id or unique id prefix
     * @param sidecar  the relay sidecar's image (it needs {@code nc}) and pull policy; the rest is ignored
     * @param mappings each {@code [[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT}: LOCAL_ADDR is 127.0.0.1 unless given,
     *                 LOCAL_PORT is REMOTE_PORT unless given, 0 picks a free port
     * @return the forward, listening; call {@link PortForward#serve()} to accept, close it to end
     * @throws InvalidOptionsException for a malformed mapping or none
     * @throws DockerDebugException when a local port cannot be bound or the sidecar cannot be made
     */
    public PortForward forwardPorts(String target, SidecarOptions sidecar, List<String> mappings) {
        Objects.requireNonNull(target, "target");
        List<io.dockerdebug.debug.PortMapping> parsed = mappings.stream().map(io.dockerdebug.debug.PortMapping::parse)
                .toList();
        return io.dockerdebug.debug.PortForwarder.open(engine, target, imageOf(sidecar),
                io.dockerdebug.debug.PullPolicy.valueOf(sidecar.pull().name()), parsed, pullListener::onProgress, notes);
    }

    /**
     * The engine's containers, as {@code docker ps -a} lists them.
     *
     * @return every container, in the engine's order (newest first)
     * @throws EngineFailureException when the engine cannot be reached
     */
    public List<ContainerInfo> containers() {
        List<ContainerInfo> all = new ArrayList<>();
        for (ContainerSummary c : engine.listContainers(io.dockerdebug.docker.ContainerFilter.all())) {
            all.add(new ContainerInfo(c.id(), c.name(), c.image(), Instant.ofEpochSecond(c.created()), c.state(),
                    c.status(), c.labels()));
        }
        return all;
    }

    /**
     * Follows the engine's container events from now on, on a thread of its own, until closed
     * or the engine ends the stream.
     *
     * @param listener receives each event, on the subscription's thread
     * @param ended    called once when the stream ends, unless closed first
     * @return the subscription; close it to stop
     * @throws EngineFailureException when the engine cannot be reached
     */
    public EventSubscription events(Consumer<ContainerEvent> listener, Runnable ended) {
        return EngineEvents.follow(engine.containerEvents(), listener, ended);
    }

    /**
     * The sidecars on the engine: kept ones and those of live sessions, of any client.
     *
     * @return every sidecar, newest first
     * @throws EngineFailureException when the engine cannot be reached
     */
    public List<SidecarInfo> sidecars() {
        return new Sidecars(engine).list().stream()
                .map(s -> new SidecarInfo(s.id(), s.targetId(), s.targetName(), s.image(), s.created(), s.kept(),
                        s.state(), s.status()))
                .toList();
    }

    /**
     * Removes sidecars by id (full, or a unique prefix); a name that is not a sidecar is
     * reported, never removed. A live session in a removed sidecar ends.
     *
     * @param ids     sidecar ids or unique id prefixes
     * @param allKept also remove every kept sidecar
     * @param target  with {@code allKept}: only the kept sidecars of this container; null for all
     * @return what was removed and what was not
     * @throws EngineFailureException when the engine cannot be reached
     */
    public SidecarRemoval removeSidecars(List<String> ids, boolean allKept, String target) {
        Sidecars.Removal r = new Sidecars(engine).remove(ids, allKept, target);
        return new SidecarRemoval(r.removed(), r.errors());
    }

    /**
     * Removes the sidecars whose client is gone: those of a process of this machine that no
     * longer runs, and any that are not running and older than a minute. Running sidecars of
     * clients elsewhere are left alone.
     *
     * @param target only sidecars of this container (name or id; a gone one by its id), or null for all
     * @return the full ids of the removed sidecars
     * @throws EngineFailureException when the engine cannot be reached
     */
    public List<String> pruneSidecars(String target) {
        String targetId = null;
        if (target != null) {
            // The label holds the full id; the target may be gone already, then take it as given.
            try {
                targetId = engine.inspectContainer(target).id();
            } catch (EngineException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                targetId = target;
            }
        }
        return new SidecarPruner(engine).prune(targetId, false);
    }

    /** Ends the open sessions (removing their sidecars) and closes the engine's connections. */
    @Override
    public void close() {
        sessions.closeAll();
        engine.close();
    }

    private DebugRequest request(String target, SidecarOptions s, CommandOptions c) {
        // TargetName checks the name (empty ones included) with the docker CLI's wording.
        Objects.requireNonNull(target, "target");
        List<String> command = c.command().isEmpty() && c.shell() == null ? defaults.command() : c.command();
        return new DebugRequest(target, imageOf(s), command, c.shell(), s.volumes(), c.user(), c.workdir(),
                mountDirOf(s), s.privileged(), s.capAdd(), s.securityOpt(), s.requireIpc(),
                io.dockerdebug.debug.PullPolicy.valueOf(s.pull().name()), c.tty(), c.detachKeys(), c.env(), s.keep(),
                c.chroot() != null ? c.chroot() : defaults.chroot(), s.imageTarget());
    }

    private String imageOf(SidecarOptions s) {
        return s.image() != null ? s.image() : defaults.image() != null ? defaults.image() : SidecarOptions.DEFAULT_IMAGE;
    }

    private String mountDirOf(SidecarOptions s) {
        return s.mountDir() != null ? s.mountDir()
                : defaults.mountDir() != null ? defaults.mountDir() : SidecarOptions.DEFAULT_MOUNT_DIR;
    }

    private static DockerDebugException unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof DockerDebugException d) {
            return d;
        }
        return new DockerDebugException("session failed: " + cause.getMessage(), cause);
    }

    /**
     * Chooses the engine and the listeners. By default: the engine the {@code docker-debug}
     * command would use without flags, the config file at {@code $DOCKER_DEBUG_CONFIG} or
     * {@code ~/.docker-debug/config.toml}, no listeners. Not thread-safe.
     */
    public static final class Builder {
        private String host;
        private String context;
        private String profile;
        private String configFile;
        private Map<String, String> env = System.getenv();
        private Path certDir;
        private boolean tlsVerify = true;
        private SSLContext sslContext;
        private String apiVersion;
        private Duration timeout;
        private PullProgressListener pullListener = PullProgressListener.NONE;
        private Consumer<String> notes = note -> { };
        private int maxOutputBytes = 16 * 1024 * 1024;

        private Builder() {
        }

        /**
         * The engine's address, as {@code -H}: it wins over everything else.
         *
         * @param host {@code unix:///path}, {@code tcp://host:port}, {@code ssh://[user@]host[:port]}, or null
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * A docker CLI context, as {@code --context}.
         *
         * @param context the context's name, or null
         * @return this builder
         */
        public Builder context(String context) {
            this.context = context;
            return this;
        }

        /**
         * An engine profile of the config file, as {@code -n}.
         *
         * @param profile the profile's name, or null
         * @return this builder
         */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        /**
         * The config file, as {@code --config}.
         *
         * @param configFile its path, or null for the default location
         * @return this builder
         */
        public Builder configFile(String configFile) {
            this.configFile = configFile;
            return this;
        }

        /**
         * The environment that {@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG},
         * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH} and the like are read from.
         *
         * @param env the variables; the process's own by default
         * @return this builder
         */
        public Builder environment(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /**
         * TLS for a {@code tcp://} host given to {@link #host}: the docker CLI's files
         * {@code ca.pem}, {@code cert.pem} and {@code key.pem} in {@code certDir}.
         *
         * @param certDir the directory with the files
         * @param verify  verify the engine's certificate (against {@code ca.pem} when present)
         * @return this builder
         */
        public Builder tls(Path certDir, boolean verify) {
            this.certDir = certDir;
            this.tlsVerify = verify;
            return this;
        }

        /**
         * TLS for a {@code tcp://} host given to {@link #host}, with a context the caller made.
         *
         * @param sslContext holds the client certificate and the trusted authorities
         * @return this builder
         */
        public Builder tls(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * The host and TLS settings of a docker-java transport, as Testcontainers hands them
         * out ({@code DockerClientFactory.instance().getTransportConfig()}: {@code getDockerHost()}
         * and {@code getSslConfig()}), so that a test can debug its own containers.
         *
         * @param dockerHost the engine's address ({@code unix://}, {@code tcp://}, {@code ssh://})
         * @param sslConfig  its TLS settings, or null without TLS
         * @return this builder
         * @throws InvalidOptionsException when the TLS context cannot be made
         */
        public Builder dockerTransport(java.net.URI dockerHost, com.github.dockerjava.transport.SSLConfig sslConfig) {
            DockerJavaTransport.apply(dockerHost, sslConfig, this);
            return this;
        }

        /**
         * Pins the Engine API version instead of negotiating it.
         *
         * @param apiVersion such as "1.41", or null to negotiate
         * @return this builder
         */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * How long connecting to the engine may take.
         *
         * @param timeout the limit; the config file's {@code timeout}, else 10 s, by default
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Receives the progress of image pulls.
         *
         * @param listener called on the thread that opens a session
         * @return this builder
         */
        public Builder onPullProgress(PullProgressListener listener) {
            this.pullListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives one-line notes for the user ("not joining IPC: …", "keeping sidecar …").
         *
         * @param notes called on the session's threads
         * @return this builder
         */
        public Builder onNote(Consumer<String> notes) {
            this.notes = Objects.requireNonNull(notes, "notes");
            return this;
        }

        /**
         * The most output {@link DockerDebug#exec(String, SidecarOptions, CommandOptions)} keeps
         * of each stream; the rest is dropped and the result says so.
         *
         * @param maxOutputBytes the limit per stream, 16 MiB by default
         * @return this builder
         */
        public Builder maxOutputBytes(int maxOutputBytes) {
            if (maxOutputBytes < 0) {
                throw new IllegalArgumentException("maxOutputBytes < 0");
            }
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        String host() {
            return host;
        }

        /**
         * Chooses the engine; nothing is sent to it yet.
         *
         * @return the instance
         * @throws InvalidOptionsException when the settings, environment or config file are invalid
         */
        public DockerDebug build() {
            Connector.Settings settings = new Connector.Settings(configFile, env);
            DockerEndpoint endpoint;
            if (sslContext != null) {
                endpoint = Connector.withContext(Connector.explicit(requireHost(), null, true, apiVersion).host(),
                        apiVersion, "explicit host");
            } else if (certDir != null) {
                endpoint = Connector.explicit(requireHost(), certDir, tlsVerify, apiVersion);
            } else {
                endpoint = Connector.resolve(host, context, profile, settings, env);
                if (apiVersion != null) {
                    endpoint = new DockerEndpoint(endpoint.host(), endpoint.tls(), endpoint.tlsCertDir(),
                            endpoint.tlsVerify(), apiVersion, endpoint.source(), endpoint.tlsFiles());
                }
            }
            Config config = settings.config();
            Duration t = timeout != null ? timeout : config.timeoutOrDefault();
            HttpDockerEngine engine = Connector.engine(endpoint, t, sslContext, env);
            EngineInfo info = new EngineInfo(endpoint.source(), endpoint.host().toString(), endpoint.usesTls(),
                    endpoint.usesTls() && endpoint.tlsVerify(), endpoint.tlsCertDir(), endpoint.apiVersion());
            return new DockerDebug(engine, info, Defaults.of(config), pullListener, notes, maxOutputBytes);
        }

        private String requireHost() {
            if (host == null || host.isBlank()) {
                throw new InvalidOptionsException("TLS material needs a host: set one with host(...)");
            }
            return host;
        }
    }
}
