package io.dockerdebug;

/** Options or arguments that docker-debug refuses before it calls the engine (exit code 125). */
public class InvalidOptionsException extends DockerDebugException {
    /**
     * Bad input.
     *
     * @param message one line naming the option and what is wrong with it
     */
    public InvalidOptionsException(String message) {
        super(ENGINE_ERROR, message);
    }
}
