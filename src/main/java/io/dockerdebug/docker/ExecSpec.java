package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A process to run in a container: {@code user} and {@code workingDir} may be null (image default). */
public record ExecSpec(List<String> cmd, boolean tty, String user, String workingDir, List<String> env) {
    public ExecSpec {
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
    }

    /** The body of {@code POST /containers/ID/exec}: all three streams attached. */
    ObjectNode toCreateBody() {
        ObjectNode body = EngineJson.object();
        body.put("AttachStdin", true);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", tty);
        EngineJson.strings(body.putArray("Cmd"), cmd);
        EngineJson.strings(body.putArray("Env"), env);
        EngineJson.putIfSet(body, "User", user);
        EngineJson.putIfSet(body, "WorkingDir", workingDir);
        return body;
    }
}
