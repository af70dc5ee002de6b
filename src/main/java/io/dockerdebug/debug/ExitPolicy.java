package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.EngineException;

import java.util.Optional;

/**
 * The one decision of how a session ended, for every front end: the exit code ({@link ExitCodes})
 * and, when the target or the sidecar went away, one line saying so. A front end reports the
 * line its way: the CLI as a note beside the code, the library's {@code Session} as its failure
 * when the session was lost.
 */
public final class ExitPolicy {
    /** How often, and how far apart, the engine is asked why a sidecar ended under the command. */
    private static final int WHY_ATTEMPTS = 40;
    private static final long WHY_PAUSE_MILLIS = 50;

    /**
     * How a session ended.
     *
     * @param code the exit code
     * @param note one line about the target, or null
     * @param lost whether the sidecar ended under the command (the session was lost)
     */
    public record Ending(int code, String note, boolean lost) {
        static Ending of(int code) {
            return new Ending(code, null, false);
        }
    }

    private ExitPolicy() {
    }

    /** Decides, once the stream is over; asks the engine, so before the sidecar is removed. */
    static Ending decide(DebugSession session, ExecStream.Outcome outcome, String outputTail) {
        return switch (outcome.end()) {
            case DETACHED -> Ending.of(0);
            // "| head -1": end as a shell pipeline does, quietly.
            case LOCAL_OUTPUT_CLOSED -> Ending.of(ExitCodes.CLOSED_PIPE);
            case BROKEN -> {
                if (!session.sidecarEnded().isDone()) {
                    throw new DockerDebugException(ExitCodes.ENGINE_ERROR, session.targetProblem().orElse(
                            "the session was lost: its connection to the engine broke (" + outcome.cause().getMessage()
                                    + ")"));
                }
                // The sidecar's end closed the stream: decided as an end of output.
                yield afterOutput(session, outputTail);
            }
            case FINISHED -> afterOutput(session, outputTail);
        };
    }

    private static Ending afterOutput(DebugSession session, String outputTail) {
        int code;
        EngineException lost = null;
        try {
            code = session.exitCode(outputTail);
            Phases.mark("exit-code");
        } catch (EngineException e) {
            // e.g. "No such exec instance": the sidecar went away with the target
            lost = e;
            code = ExitCodes.ENGINE_ERROR;
        }
        Failpoints.reached("exiting");
        if (lost == null && !session.sidecarEnded().isDone()) {
            // Whether the target is still fine is asked while the sidecar's state is: one round
            // trip for both on the path of every session.
            Concurrently<Optional<String>> target = Concurrently.start("target-check", session::targetProblem);
            if (sidecarLives(session, code)) {
                // The command ended by itself, with its own code (137 included), while the target
                // may have stopped in the meantime: say so, keep the code.
                Optional<String> problem = target.join();
                int c = code;
                return problem.map(p -> new Ending(c == 0 ? ExitCodes.ENGINE_ERROR : c, p, false))
                        .orElse(Ending.of(code));
            }
        }
        return afterSidecarEnd(session, code, lost);
    }

    /**
     * The sidecar ended under the command: say why (the target, or the engine), asking a few
     * times since the engine may take a moment to record the target's end.
     */
    private static Ending afterSidecarEnd(DebugSession session, int code, EngineException lost) {
        for (int i = 0; i < WHY_ATTEMPTS; i++) {
            Optional<String> engineDown = session.engineProblem();
            if (engineDown.isPresent()) {
                throw new DockerDebugException(ExitCodes.ENGINE_ERROR, "the session was lost: " + engineDown.get());
            }
            Optional<String> problem = session.targetProblem();
            if (problem.isPresent()) {
                if (session.targetRestarted()) {
                    // As docker exec ends when its container restarts: killed with the pid namespace.
                    return new Ending(ExitCodes.KILLED, problem.get(), true);
                }
                // A signal's code (137: killed with the pid namespace) says more than 125.
                return new Ending(ExitCodes.bySignal(code) ? code : ExitCodes.ENGINE_ERROR, problem.get(), true);
            }
            pause(WHY_PAUSE_MILLIS);
        }
        throw new DockerDebugException(ExitCodes.ENGINE_ERROR,
                "the session was lost: the debug sidecar stopped or was removed, or the engine restarted"
                        + (lost != null ? " (" + lost.getMessage() + ")" : ""));
    }

    /**
     * Whether the sidecar outlived the command, from the engine's state. Only SIGKILL (137) is
     * what the end of the target's pid namespace gives our command; then a new exec decides,
     * since the engine may not have recorded the sidecar's end yet.
     */
    private static boolean sidecarLives(DebugSession session, int code) {
        if (!session.sidecarRunning()) {
            return false;
        }
        return code != ExitCodes.KILLED || session.sidecarAcceptsExec();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
