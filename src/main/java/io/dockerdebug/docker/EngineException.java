package io.dockerdebug.docker;

import io.dockerdebug.EngineFailureException;

/**
 * An error the engine answered with (or could not be reached for); {@code status} is the HTTP
 * status or 0. Library callers see it as the public {@link EngineFailureException}.
 */
public class EngineException extends EngineFailureException {
    public EngineException(int status, String message) {
        super(status, message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
