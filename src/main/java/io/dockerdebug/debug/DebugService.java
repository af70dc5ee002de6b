package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.tty.Console;
import io.dockerdebug.tty.DetachKeys;
import io.dockerdebug.tty.StreamPump;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The library API: {@link #open} prepares a session (sidecar running, command ready) whose
 * streams the caller pumps; {@link #run} does the whole interactive session for a CLI.
 */
public final class DebugService {
    private final DockerEngine engine;

    public DebugService(DockerEngine engine) {
        this.engine = engine;
    }

    /** Runs a whole session and returns the exit code; the sidecar is gone when this returns. */
    public int run(DebugRequest request, SessionIo io) {
        SidecarPlanner.validate(request);
        Cleanup cleanup = new Cleanup();
        Thread hook = new Thread(cleanup, "docker-debug-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DebugSession session = open(request, io.pullListener(), io.notes(), cleanup);
            return new SessionPump(session, request, io, cleanup).pump();
        } catch (IOException e) {
            throw new DebugException("session failed: " + e.getMessage(), e);
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    /** Prepares a session; the caller must close it (which removes the sidecar). */
    public DebugSession open(DebugRequest request, PullListener pull, Consumer<String> notes) {
        return open(request, pull, notes, new Cleanup());
    }

    private DebugSession open(DebugRequest request, PullListener pull, Consumer<String> notes, Cleanup cleanup) {
        SidecarPlanner.validate(request);
        ContainerDetails target = inspectTarget(request.target());
        SidecarPlan plan = SidecarPlanner.plan(request, target);
        plan.notes().forEach(notes);
        ImageProvisioner images = new ImageProvisioner(engine, request.pull(), pull, notes);
        images.beforeCreate(request.image());
        String sidecarId = images.create(plan.container());
        AtomicBoolean removed = new AtomicBoolean();
        Runnable remove = () -> {
            if (removed.compareAndSet(false, true)) {
                engine.removeContainer(sidecarId);
            }
        };
        cleanup.add(remove::run);
        try {
            // The dead-man's switch: the sidecar's main process reads this connection's stdin,
            // so if we die (even by SIGKILL) it gets EOF, exits, and the engine removes it.
            RawConnection keeper = engine.attachStdin(sidecarId);
            cleanup.add(keeper::close);
            engine.startContainer(sidecarId);
            String execId = engine.createExec(sidecarId, plan.exec());
            return new DebugSession(engine, target, sidecarId, execId, request.tty(), () -> {
                keeper.close();
                remove.run();
            });
        } catch (EngineException e) {
            cleanup.run();
            throw new DebugException(DebugException.ENGINE_ERROR, startError(e));
        }
    }

    private ContainerDetails inspectTarget(String target) {
        try {
            return engine.inspectContainer(target);
        } catch (EngineException e) {
            throw new DebugException(DebugException.ENGINE_ERROR, e.getMessage());
        }
    }

    private static String startError(EngineException e) {
        return "cannot start the debug sidecar: " + e.getMessage();
    }

    /** Drives one started session: raw mode, resize, pump, exit code. */
    private static final class SessionPump {
        private final DebugSession session;
        private final DebugRequest request;
        private final SessionIo io;
        private final Cleanup cleanup;

        SessionPump(DebugSession session, DebugRequest request, SessionIo io, Cleanup cleanup) {
            this.session = session;
            this.request = request;
            this.io = io;
            this.cleanup = cleanup;
        }

        /** The target can die between the sidecar's start and the command's: say so, not the engine's words. */
        private RawConnection start() {
            try {
                return session.start();
            } catch (EngineException e) {
                throw new DebugException(DebugException.ENGINE_ERROR,
                        session.targetProblem().orElse("cannot start the command: " + e.getMessage()));
            }
        }

        int pump() throws IOException {
            Console console = null;
            Console.RawMode raw = null;
            if (request.tty()) {
                console = io.console().open();
            }
            if (console != null) {
                cleanup.add(console::close);
                raw = console.enterRawMode();
                cleanup.add(raw::close);
            }
            RawConnection conn = start();
            cleanup.add(conn::close);
            if (console != null) {
                Console c = console;
                Console.Size size = c.size();
                session.resize(size.columns(), size.rows(), 10);
                c.onResize(() -> {
                    Console.Size s = c.size();
                    session.resize(s.columns(), s.rows(), 1);
                });
            }
            OutputTail tail = new OutputTail(512);
            StreamPump.Outcome outcome = StreamPump.run(io.in(), new ExecStreams(conn, request.tty(), io, tail),
                    request.tty() ? DetachKeys.parse(request.detachKeys()) : null);
            if (raw != null) {
                raw.close();
            }
            if (outcome == StreamPump.Outcome.DETACHED) {
                if (console != null) {
                    // The remote prompt is still on the current line.
                    io.err().write('\n');
                }
                io.notes().accept("detached: the debug sidecar is removed");
                return 0;
            }
            int code = session.exitCode(tail.text());
            var problem = session.targetProblem();
            if (problem.isPresent()) {
                io.notes().accept(problem.get());
                return code == 0 ? DebugException.ENGINE_ERROR : code;
            }
            return code;
        }
    }
}
