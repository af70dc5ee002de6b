package io.dockerdebug;

/**
 * The Docker engine could not be reached, or it refused a call (exit code 125). The message is
 * the engine's own where it gave one.
 */
public class EngineFailureException extends DockerDebugException {
    /** The HTTP status the engine answered with, or 0 when it was not reached. */
    private final int status;

    /**
     * An engine's answer.
     *
     * @param status  the HTTP status the engine answered with, or 0 when it was not reached
     * @param message one line for the user
     */
    public EngineFailureException(int status, String message) {
        super(ENGINE_ERROR, message);
        this.status = status;
    }

    /**
     * An engine that could not be reached or whose connection broke.
     *
     * @param message one line for the user
     * @param cause   the transport's failure
     */
    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /**
     * The HTTP status of the engine's answer.
     *
     * @return the status, or 0 when the engine was not reached
     */
    public int status() {
        return status;
    }

    /**
     * Whether the engine said that the thing asked for does not exist.
     *
     * @return true for a 404 answer
     */
    public boolean isNotFound() {
        return status == 404;
    }
}
