package io.dockerdebug;

import io.dockerdebug.debug.ExitCodes;

/**
 * A failure of docker-debug, carrying the exit code the docker CLI would use for it: 125 for
 * docker-debug's own errors and the engine's (bad options, engine unreachable, target not
 * running), 126 when the command cannot be executed, 127 when it is not found.
 *
 * <p>Subclasses say what failed: {@link InvalidOptionsException} for input that is refused
 * before anything is created, {@link EngineFailureException} for an engine that cannot be
 * reached or refused a call. Other failures of a session (the target, the sidecar) are
 * instances of this class or of internal subclasses.
 */
public class DockerDebugException extends RuntimeException {
    /** docker-debug's or the engine's own error, as {@code docker run} reports it. */
    public static final int ENGINE_ERROR = ExitCodes.ENGINE_ERROR;
    /** The command was found but cannot be executed. */
    public static final int NOT_EXECUTABLE = ExitCodes.NOT_EXECUTABLE;
    /** The command was not found. */
    public static final int NOT_FOUND = ExitCodes.NOT_FOUND;

    /** The docker-like exit code of this failure. */
    private final int exitCode;

    /**
     * A failure with an exit code.
     *
     * @param exitCode the docker-like exit code (125, 126 or 127)
     * @param message  one line for the user
     */
    public DockerDebugException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * A failure with exit code 125 and its cause.
     *
     * @param message one line for the user
     * @param cause   what went wrong underneath
     */
    public DockerDebugException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = ENGINE_ERROR;
    }

    /**
     * The exit code a command-line tool reports for this failure.
     *
     * @return 125, 126 or 127
     */
    public int exitCode() {
        return exitCode;
    }
}
