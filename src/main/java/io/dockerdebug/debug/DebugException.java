package io.dockerdebug.debug;

/** A failure with the exit code the docker CLI would use: 125 ours or the engine's, 126, 127. */
public class DebugException extends RuntimeException {
    public static final int ENGINE_ERROR = 125;
    public static final int NOT_EXECUTABLE = 126;
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public DebugException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DebugException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = ENGINE_ERROR;
    }

    public static DebugException usage(String message) {
        return new DebugException(ENGINE_ERROR, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
