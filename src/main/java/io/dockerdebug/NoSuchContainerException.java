package io.dockerdebug;

/**
 * The target container does not exist (exit code 125, as {@code docker exec} reports "No such
 * container"). A front end may tell it apart from other failures: the HTTP API answers 404.
 */
public class NoSuchContainerException extends DockerDebugException {
    /**
     * A target that the engine does not know.
     *
     * @param message the docker CLI's line, "No such container: NAME"
     */
    public NoSuchContainerException(String message) {
        super(ENGINE_ERROR, message);
    }
}
