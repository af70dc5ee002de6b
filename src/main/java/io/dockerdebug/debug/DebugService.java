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
        Phases.mark("run");
        SidecarPlanner.validate(request);
        Cleanup cleanup = new Cleanup();
        Thread hook = new Thread(cleanup, "docker-debug-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DebugSession session = open(request, io.pullListener(), io.notes(), cleanup);
            cleanup.add(session::stopWatching);
            return new SessionPump(session, request, io, cleanup).pump();
        } catch (IOException e) {
            throw new DebugException("session failed: " + e.getMessage(), e);
        } finally {
            cleanup.run();
            Phases.mark("removed");
            Phases.report();
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
        Phases.mark("open");
        ContainerDetails target = inspectTarget(request.target());
        Phases.mark("inspected");
        SidecarPlan plan = SidecarPlanner.plan(request, target);
        plan.notes().forEach(notes);
        if (request.keep()) {
            return openKept(request, target, plan, pull, notes, cleanup);
        }
        ImageProvisioner images = new ImageProvisioner(engine, request.pull(), pull, notes);
        images.beforeCreate(request.image());
        String sidecarId = images.create(plan.container());
        Phases.mark("created");
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
            // Remove first, then let go of the keeper: closing it first would start the engine's
            // own AutoRemove, and our remove would return while that one is still under way.
            cleanup.add(() -> {
                remove.run();
                keeper.close();
            });
            Phases.mark("attached");
            engine.startContainer(sidecarId);
            Phases.mark("started");
            String execId = engine.createExec(sidecarId, plan.exec());
            Phases.mark("exec-created");
            DebugSession.Watch watch = DebugSession.watch(engine, sidecarId);
            return new DebugSession(engine, target, sidecarId, execId, request.tty(), () -> {
                remove.run();
                keeper.close();
            }, watch);
        } catch (EngineException e) {
            cleanup.run();
            throw new DebugException(DebugException.ENGINE_ERROR, startError(e));
        }
    }

    /**
     * With {@code --keep}: exec into a running sidecar kept earlier with the same image and
     * options, else create one that waits on its own and is not removed at the end.
     */
    private DebugSession openKept(DebugRequest request, ContainerDetails target, SidecarPlan plan, PullListener pull,
                                  Consumer<String> notes, Cleanup cleanup) {
        for (String id : engine.listContainers(KeptSidecars.reuseFilter(plan.container()))) {
            try {
                String execId = engine.createExec(id, plan.exec());
                Phases.mark("reused");
                return keptSession(target, id, execId, request);
            } catch (EngineException e) {
                // Not running any more (its target restarted, or it is being removed): try the next.
            }
        }
        ImageProvisioner images = new ImageProvisioner(engine, request.pull(), pull, notes);
        images.beforeCreate(request.image());
        String sidecarId = images.create(KeptSidecars.spec(plan.container()));
        Phases.mark("created");
        AtomicBoolean ready = new AtomicBoolean();
        // Until it runs and the command is ready, a failure or a signal removes it.
        cleanup.add(() -> {
            if (!ready.get()) {
                engine.removeContainer(sidecarId);
            }
        });
        try {
            engine.startContainer(sidecarId);
            Phases.mark("started");
            String execId = engine.createExec(sidecarId, plan.exec());
            Phases.mark("exec-created");
            ready.set(true);
            notes.accept("keeping sidecar " + shortId(sidecarId) + " for the next --keep session"
                    + " (remove it with: docker-debug rm " + shortId(sidecarId) + ")");
            return keptSession(target, sidecarId, execId, request);
        } catch (EngineException e) {
            cleanup.run();
            throw new DebugException(DebugException.ENGINE_ERROR, startError(e));
        }
    }

    /** A session in a kept sidecar: nothing is removed at the end. */
    private DebugSession keptSession(ContainerDetails target, String sidecarId, String execId, DebugRequest request) {
        return new DebugSession(engine, target, sidecarId, execId, request.tty(), () -> { },
                DebugSession.watch(engine, sidecarId));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
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
            Phases.mark("exec-started");
            if (console != null) {
                Console c = console;
                Console.Size size = c.size();
                session.resize(size.columns(), size.rows(), 10);
                c.onResize(() -> {
                    Console.Size s = c.size();
                    session.resize(s.columns(), s.rows(), 1);
                });
            }
            // Without its sidecar the exec's stream may never end (see DebugSession.watch): end it.
            session.onSidecarGone(conn::close);
            OutputTail tail = new OutputTail(512);
            StreamPump.Outcome outcome;
            try {
                outcome = StreamPump.run(io.in(), new ExecStreams(conn, request.tty(), io, tail),
                        request.tty() ? DetachKeys.parse(request.detachKeys()) : null);
            } catch (IOException e) {
                if (!session.sidecarGone()) {
                    throw e;
                }
                outcome = StreamPump.Outcome.FINISHED;
            }
            Phases.mark("output-ended");
            if (raw != null) {
                raw.close();
            }
            if (outcome == StreamPump.Outcome.DETACHED) {
                if (console != null) {
                    // The remote prompt is still on the current line.
                    io.err().write('\n');
                }
                io.notes().accept(request.keep() ? "detached: the kept sidecar and the command in it keep running"
                        : "detached: the debug sidecar is removed");
                return 0;
            }
            if (session.sidecarGone()) {
                var problem = session.targetProblem();
                io.notes().accept(problem.orElse("the debug sidecar was removed during the session"));
                return DebugException.ENGINE_ERROR;
            }
            int code = session.exitCode(tail.text());
            Phases.mark("exit-code");
            if (code > 128 && session.awaitSidecarGone(1000)) {
                // Killed because its target died, or its sidecar was removed: the engine may not
                // have recorded the target's end yet, but the sidecar's end is certain by now.
                var problem = session.targetProblem();
                io.notes().accept(problem.orElse("the debug sidecar was removed during the session"));
                return code;
            }
            var problem = session.targetProblem();
            if (problem.isPresent()) {
                io.notes().accept(problem.get());
                return code == 0 ? DebugException.ENGINE_ERROR : code;
            }
            return code;
        }
    }
}
