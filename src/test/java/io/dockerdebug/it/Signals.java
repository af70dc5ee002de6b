package io.dockerdebug.it;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting for a session's sidecar to exist, so that a signal hits a session that is really running. */
final class Signals {
    private Signals() {
    }

    /**
     * The command with SIGHUP, SIGINT and SIGTERM at their default action. A test run started
     * under nohup or in the background of a script hands them down ignored, and the client, like
     * any program, keeps an ignored signal ignored (that is what nohup asks for): a test of what
     * the client does on a signal must not depend on how the build was started.
     */
    static List<String> withDefaultSignals(List<String> command) {
        List<String> all = new java.util.ArrayList<>(List.of("env", "--default-signal=HUP,INT,TERM"));
        all.addAll(command);
        return all;
    }

    /**
     * Waits (bounded) until the sidecar runs a process whose command line contains {@code command}:
     * the session's command has started, so what happens next happens mid-session.
     */
    static void awaitCommand(String sidecarId, String command) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Engine.Result top = Engine.run(Engine.cmd("docker", "top", sidecarId, "-o", "pid,args"), null, 30);
            if (top.exitCode() == 0 && top.stdout().contains(command)) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("the sidecar " + sidecarId + " never ran " + command);
    }

    /** Waits (bounded) until exactly one sidecar of the target is running, and returns its id. */
    static String awaitSidecar(String targetId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Engine.docker("ps", "-q", "--no-trunc", "--filter", "label=io.docker-debug.target=" + targetId,
                    "--filter", "status=running");
            List<String> ids = out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
            if (ids.size() == 1) {
                return ids.get(0);
            }
            Thread.onSpinWait();
        }
        fail("no running sidecar appeared for " + targetId);
        return null;
    }
}
