package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.threads.Threads;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one session driver, under the CLI ({@link InteractiveExec}) and the library's sessions:
 * starts a prepared session's command, owns its stream ({@link ExecStream}), resizes its TTY,
 * ends the stream when the sidecar ends under it, and decides the exit code
 * ({@link ExitPolicy}). Removing the sidecar stays with the session's owner.
 */
public final class SessionDriver {
    /** How long the exec stream may take to end by itself once the sidecar is gone. */
    static final long SIDECAR_END_GRACE_MILLIS = 1500;
    /** Right after start the engine may not run the exec yet: the first resize is tried this often. */
    private static final int FIRST_RESIZE_ATTEMPTS = 10;

    private final DebugSession session;
    private final RawConnection conn;
    private final ExecStream stream;
    private final AtomicBoolean resized = new AtomicBoolean();

    private SessionDriver(DebugSession session, RawConnection conn) {
        this.session = session;
        this.conn = conn;
        this.stream = new ExecStream(conn, session.tty());
    }

    /**
     * Starts the command. The target can die between the sidecar's start and the command's:
     * then the failure says so, not the engine's words.
     *
     * @throws DockerDebugException when the command cannot be started; the sidecar is left to the caller
     */
    public static SessionDriver start(DebugSession session) {
        RawConnection conn;
        try {
            conn = session.start();
        } catch (EngineException e) {
            throw new DockerDebugException(ExitCodes.ENGINE_ERROR,
                    session.targetProblem().orElse("cannot start the command: " + e.getMessage()));
        }
        Phases.mark("exec-started");
        SessionDriver driver = new SessionDriver(session, conn);
        // When the sidecar dies under the command (target killed or removed), the exec stream
        // may stay open: give it a moment to end by itself, then end it.
        session.sidecarEnded().thenRun(() -> Threads.daemon("sidecar-end", driver::endAfterGrace));
        return driver;
    }

    private void endAfterGrace() {
        if (stream.ended().isDone()) {
            return;
        }
        try {
            Thread.sleep(SIDECAR_END_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        conn.close();
    }

    /** The command's stream: its input, its output's copy, how it ended. */
    public ExecStream stream() {
        return stream;
    }

    /** Sets the TTY's size; sizes that are not positive are ignored. */
    public void resize(int columns, int rows) {
        session.resize(columns, rows, resized.compareAndSet(false, true) ? FIRST_RESIZE_ATTEMPTS : 1);
    }

    /**
     * The exit code and what to say, once the stream is over: asks the engine, so call it before
     * the sidecar is removed.
     *
     * @throws DockerDebugException when the session was lost and the engine cannot say why
     */
    public ExitPolicy.Ending finish(ExecStream.Outcome outcome) {
        return ExitPolicy.decide(session, outcome, stream.tail());
    }

    /** Closes the command's connection (the sidecar stays until its owner removes it). */
    public void close() {
        conn.close();
    }
}
