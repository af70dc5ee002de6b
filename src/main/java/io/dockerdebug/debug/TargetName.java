package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import java.util.regex.Pattern;

/**
 * A target as the user names it: a container name (with or without the engine's leading "/"),
 * an id or an id prefix. Anything else cannot name a container, and must not reach the engine's
 * URL path, where "." and ".." are path steps and other characters are read differently.
 */
final class TargetName {
    /** The engine's rule for names, one character allowed for id prefixes. */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private TargetName() {
    }

    /** The name to ask the engine for; throws the docker CLI's "No such container" line otherwise. */
    static String check(String target) {
        if (target == null || target.isEmpty()) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "invalid container name or ID: the name is empty");
        }
        String name = target.startsWith("/") ? target.substring(1) : target;
        if (!VALID.matcher(name).matches()) {
            throw new io.dockerdebug.NoSuchContainerException("No such container: " + target);
        }
        return name;
    }
}
