package io.dockerdebug.docker;

import java.util.List;

/** A process to run in a container: {@code user} and {@code workingDir} may be null (image default). */
public record ExecSpec(List<String> cmd, boolean tty, String user, String workingDir, List<String> env) {
    public ExecSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }
}
