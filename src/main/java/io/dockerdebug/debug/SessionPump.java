package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.tty.Console;
import io.dockerdebug.tty.DetachKeys;
import io.dockerdebug.tty.StreamPump;

import java.io.IOException;

/** Drives one started session: raw mode, resize, pump, exit code. */
final class SessionPump {
    /** How long the exec stream may take to end by itself once the sidecar is gone. */
    private static final long SIDECAR_END_GRACE_MILLIS = 1500;
    /** 128 + SIGKILL. */
    private static final int KILLED = 137;
    /** 128 + SIGPIPE, what a shell reports for a writer whose reader went away. */
    static final int CLOSED_PIPE = 141;

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                    session.targetProblem().orElse("cannot start the command: " + e.getMessage()));
        }
    }

    int pump() throws IOException {
        Console console = null;
        Console.RawMode raw = null;
        if (request.command().tty()) {
            console = io.console().open();
        }
        if (console != null) {
            cleanup.add(console::close);
            raw = console.enterRawMode();
            cleanup.add(raw::close);
        }
        RawConnection conn = start();
        Phases.mark("exec-started");
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
        // When the sidecar dies under the session (target killed or removed), give the exec
        // stream a moment to end by itself, then end it.
        session.sidecarEnded().thenRun(() -> Thread.ofPlatform().daemon().start(() -> {
            pause(SIDECAR_END_GRACE_MILLIS);
            conn.close();
        }));
        OutputTail tail = new OutputTail(512);
        StreamPump.Outcome outcome;
        try {
            outcome = StreamPump.run(io.in(), new ExecStreams(conn, request.command().tty(), io, tail),
                    request.command().tty() ? DetachKeys.parse(request.command().detachKeys()) : null);
        } catch (ExecStreams.LocalOutputClosed e) {
            // "| head -1": end as a shell pipeline does, quietly; removing the sidecar stops the command.
            conn.close();
            if (raw != null) {
                raw.close();
            }
            return CLOSED_PIPE;
        } catch (IOException e) {
            if (!session.sidecarEnded().isDone()) {
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
            io.notes().accept(request.sidecar().keep() ? "detached: the kept sidecar and the command in it keep running"
                    : "detached: the debug sidecar is removed");
            return 0;
        }
        int code;
        EngineException lost = null;
        try {
            code = session.exitCode(tail.text());
            Phases.mark("exit-code");
        } catch (EngineException e) {
            // e.g. "No such exec instance": the sidecar went away with the target
            lost = e;
            code = DockerDebugException.ENGINE_ERROR;
        }
        Failpoints.reached("exiting");
        if (lost == null && !session.sidecarEnded().isDone()) {
            // Whether the target is still fine is asked while the sidecar's state is: one round
            // trip for both on the path of every session.
            Concurrently<java.util.Optional<String>> target = Concurrently.start("target-check", session::targetProblem);
            if (sidecarLives(code)) {
                // The command ended by itself, with its own code (137 included), while the target
                // may have stopped in the meantime: say so, keep the code.
                var problem = target.join();
                if (problem.isPresent()) {
                    io.notes().accept(problem.get());
                    return code == 0 ? DockerDebugException.ENGINE_ERROR : code;
                }
                return code;
            }
        }
        // The sidecar ended under the command: say why (the target, or the engine), asking a
        // few times since the engine may take a moment to record the target's end.
        for (int i = 0; i < 40; i++) {
            var engineDown = session.engineProblem();
            if (engineDown.isPresent()) {
                throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "the session was lost: " + engineDown.get());
            }
            var problem = session.targetProblem();
            if (problem.isPresent()) {
                io.notes().accept(problem.get());
                if (session.targetRestarted()) {
                    // As docker exec ends when its container restarts: killed with the pid namespace.
                    return KILLED;
                }
                // A signal's code (137: killed with the pid namespace) says more than 125.
                return code > 128 ? code : DockerDebugException.ENGINE_ERROR;
            }
            pause(50);
        }
        throw new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                "the session was lost: the debug sidecar stopped or was removed, or the engine restarted"
                        + (lost != null ? " (" + lost.getMessage() + ")" : ""));
    }

    /**
     * Whether the sidecar outlived the command, from the engine's state. Only SIGKILL (137) is
     * what the end of the target's pid namespace gives our command; then a new exec decides,
     * since the engine may not have recorded the sidecar's end yet.
     */
    private boolean sidecarLives(int code) {
        if (!session.sidecarRunning()) {
            return false;
        }
        return code != KILLED || session.sidecarAcceptsExec();
    }
}
