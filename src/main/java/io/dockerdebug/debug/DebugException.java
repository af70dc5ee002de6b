package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;

/** A session's failure with the exit code the docker CLI would use: 125 ours or the engine's, 126, 127. */
public class DebugException extends DockerDebugException {
    public DebugException(int exitCode, String message) {
        super(exitCode, message);
    }

    public DebugException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bad input, refused before any engine call. */
    public static InvalidOptionsException usage(String message) {
        return new InvalidOptionsException(message);
    }
}
