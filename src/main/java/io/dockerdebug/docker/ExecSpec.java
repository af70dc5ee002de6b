package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.util.List;

/** A process to run in a container: {@code user} and {@code workingDir} may be null (image default). */
public record ExecSpec(List<String> cmd, boolean tty, String user, String workingDir, List<String> env) {
    public ExecSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }

    /** The body of {@code POST /containers/ID/exec}: all three streams attached. */
    Json toCreateBody() {
        return Json.object().put("AttachStdin", true).put("AttachStdout", true).put("AttachStderr", true)
                .put("Tty", tty).put("Cmd", Json.strings(cmd)).put("Env", Json.strings(env))
                .putIfSet("User", user).putIfSet("WorkingDir", workingDir);
    }
}
