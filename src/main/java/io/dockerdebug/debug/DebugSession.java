package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.docker.ExecState;
import io.dockerdebug.docker.RawConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A sidecar that is running and an exec that is created but not started. Start it, pump its
 * streams, ask for its exit code, close: closing removes the sidecar.
 */
public final class DebugSession implements AutoCloseable {
    /** How long the engine may take to record an exec's end after its stream ended. */
    private static final long EXIT_RECORD_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    private final DockerEngine engine;
    private final ContainerDetails target;
    private final String sidecarId;
    private final String execId;
    private final boolean tty;
    private final Runnable closer;
    private final CompletableFuture<Void> sidecarEnded;

    DebugSession(DockerEngine engine, ContainerDetails target, String sidecarId, String execId, boolean tty,
                 Runnable closer, CompletableFuture<Void> sidecarEnded) {
        this.sidecarEnded = sidecarEnded;
        this.engine = engine;
        this.target = target;
        this.sidecarId = sidecarId;
        this.execId = execId;
        this.tty = tty;
        this.closer = closer;
    }

    public ContainerDetails target() {
        return target;
    }

    public String sidecarId() {
        return sidecarId;
    }

    public boolean tty() {
        return tty;
    }

    /** Completes when the sidecar's main process has ended, for whatever reason. */
    public CompletableFuture<Void> sidecarEnded() {
        return sidecarEnded;
    }

    /** Starts the command; the connection carries its input and output (multiplexed without a TTY). */
    public RawConnection start() {
        return engine.startExec(execId, tty);
    }

    /**
     * Sends the terminal size. Right after start the engine may answer that the exec is not
     * running yet, so the first resize is retried a few times, as the docker CLI does.
     */
    public void resize(int columns, int rows, int attempts) {
        if (columns <= 0 || rows <= 0) {
            return;
        }
        for (int i = 1; ; i++) {
            try {
                engine.resizeExec(execId, columns, rows);
                return;
            } catch (EngineException e) {
                if (i >= attempts) {
                    return;
                }
                pause(10L * i);
            }
        }
    }

    /** The command's exit code once its output has ended, as {@link ExitCodes#ofExec} reads the engine's. */
    public int exitCode(String outputTail) {
        return ExitCodes.ofExec(awaitExit(execId).exitCode(), outputTail);
    }

    /**
     * The exec's state once the engine has recorded its end. The stream can end a while before
     * that: a moment, or seconds on a loaded machine, and a code read too early would be wrong
     * (null, hence 125). So the wait is bounded by time, not by a number of tries; it ends early
     * when the sidecar is gone, whose execs the engine will never finish recording.
     */
    private ExecState awaitExit(String id) {
        long deadline = System.nanoTime() + EXIT_RECORD_WAIT_NANOS;
        ExecState state = engine.inspectExec(id);
        for (int i = 1; state.running() && System.nanoTime() < deadline
                && (i <= 50 || !sidecarEnded.isDone()); i++) {
            pause(Math.min(2L * i, 20));
            state = engine.inspectExec(id);
        }
        return state;
    }

    /** When the target stopped, restarted or vanished during the session, says so in one line. */
    public Optional<String> targetProblem() {
        String name = target.name();
        if (SidecarPlanner.notRunning(target)) {
            // Debugged through its files: it was not running, and an image never does.
            return Optional.empty();
        }
        try {
            ContainerDetails now = engine.inspectContainer(target.id());
            if (restarted(now)) {
                return Optional.of("target " + name + " restarted during the session");
            }
            if ("removing".equals(now.status())) {
                return Optional.of("target container " + name + " was removed during the session");
            }
            if (!now.running()) {
                return Optional.of("target container " + name + " stopped during the session (status: "
                        + now.status() + ")");
            }
            return Optional.empty();
        } catch (EngineException e) {
            if (e.isNotFound()) {
                return Optional.of("target container " + name + " was removed during the session");
            }
            return Optional.of("cannot inspect target container " + name + ": " + e.getMessage());
        }
    }

    /**
     * Whether the target went through a restart since the session began: restarting now, or
     * running again with another main process (the engine's pid of it changed).
     */
    private boolean restarted(ContainerDetails now) {
        return now.restarting() || (now.running() && target.pid() > 0 && now.pid() > 0 && now.pid() != target.pid());
    }

    /** Whether the target was restarted (or is restarting) since the session began. */
    public boolean targetRestarted() {
        try {
            return restarted(engine.inspectContainer(target.id()));
        } catch (EngineException e) {
            return false;
        }
    }

    /**
     * Whether a new process can still start in the sidecar. Once the target's main process has
     * ended, its pid namespace is gone and so is every process in it, ours killed with 137; the
     * engine may record that a moment after our command's exit, but a new exec fails at once.
     * That tells a command that ended with 137 by itself from one whose namespace ended.
     */
    public boolean sidecarAcceptsExec() {
        try {
            String probe = engine.createExec(sidecarId, new ExecSpec(List.of("/bin/sh", "-c", ":"), false, null, null,
                    List.of()));
            try (RawConnection c = engine.startExec(probe, false)) {
                c.closeWrite();
                c.input().transferTo(OutputStream.nullOutputStream());
            }
            ExecState state = awaitExit(probe);
            return Integer.valueOf(0).equals(state.exitCode());
        } catch (EngineException | IOException e) {
            return false;
        }
    }

    /** Whether the sidecar still runs; false when it is gone or the engine cannot say. */
    public boolean sidecarRunning() {
        try {
            return engine.inspectContainer(sidecarId).running();
        } catch (EngineException e) {
            return false;
        }
    }

    /** The engine's error when it cannot be asked about the target (down, restarting); empty when it answers. */
    public Optional<String> engineProblem() {
        try {
            engine.inspectContainer(target.id());
            return Optional.empty();
        } catch (EngineException e) {
            return e.isNotFound() ? Optional.empty() : Optional.of(e.getMessage());
        }
    }

    /** Removes the sidecar; safe to call more than once. */
    @Override
    public void close() {
        closer.run();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
