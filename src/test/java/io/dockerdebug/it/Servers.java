package io.dockerdebug.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The extra servers that scripts/test-servers.sh starts on 127.0.0.1 (fixed paths and ports):
 * a second engine on TLS and plain TCP, sshd, and a registry with htpasswd auth.
 */
final class Servers {
    static final Path STATE = Path.of("/var/lib/docker-debug-test-servers");
    static final String SOCKET = "unix:///run/docker-debug-test-servers/docker.sock";
    static final String TLS_HOST = "tcp://127.0.0.1:23760";
    static final String PLAIN_HOST = "tcp://127.0.0.1:23750";
    /** The second engine behind TLS with a server certificate that a stranger CA signed. */
    static final String STRANGER_TLS_HOST = "tcp://127.0.0.1:23761";
    static final Path STRANGER_CA = STATE.resolve("certs/stranger-ca/ca.pem");
    static final String SSH_HOST = "ssh://root@127.0.0.1:22220";
    static final String REGISTRY = "127.0.0.1:25000";
    static final Path CLIENT_CERTS = STATE.resolve("certs/client");
    static final Path STRANGER_CERTS = STATE.resolve("certs/other");
    /** Holds an `ssh` wrapper that uses the test key and known hosts. */
    static final Path SSH_BIN = STATE.resolve("ssh/../bin").normalize();

    private Servers() {
    }

    /** Fails (CI) or skips when test-servers.sh has not run. */
    static void require() {
        Engine.require();
        if (!Files.isDirectory(STATE.resolve("certs/client")) || !Files.isExecutable(SSH_BIN.resolve("ssh"))
                || !Files.isRegularFile(STRANGER_CA)) {
            fail("the test servers are missing; run scripts/test-engine.sh (it calls scripts/test-servers.sh)");
        }
        if (second("version", "--format", "{{.Server.Version}}").isEmpty()) {
            fail("the second engine does not answer on " + SOCKET);
        }
    }

    /** The docker CLI on the second engine (through its unix socket); fails the test on error. */
    static String second(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", SOCKET));
        cmd.addAll(List.of(args));
        Engine.Result r = Engine.run(cmd, null, 60);
        if (r.exitCode() != 0) {
            fail(String.join(" ", cmd) + " failed: " + r.stderr());
        }
        return r.stdout().trim();
    }

    /** A running target on the second engine; remove it with {@link #removeSecond}. */
    static String secondTarget() {
        return second("run", "-d", "--label", "io.docker-debug.it=servers", Engine.TARGET);
    }

    static void removeSecond(String id) {
        if (id != null) {
            Engine.run(List.of("docker", "-H", SOCKET, "rm", "-f", id), null, 60);
        }
    }

    static List<String> secondSidecarsOf(String targetId) {
        String out = second("ps", "-aq", "--filter", "label=io.docker-debug.target=" + targetId);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** A clean environment for the launcher: this process's PATH with the ssh wrapper first, HOME, and {@code extra}. */
    static Map<String, String> env(Path home, String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", SSH_BIN + ":" + System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("DOCKER_CONFIG", home.resolve(".docker").toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** Runs a process with exactly {@code env} (bounded), feeding {@code stdin} (null: closed at once). */
    static Engine.Result run(List<String> command, Map<String, String> env, byte[] stdin, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            // A thread of its own for each stream: the common pool has one worker on two cores, and
            // a stderr that nobody reads fills its pipe and stops the process (--debug writes much).
            java.util.concurrent.Executor ownThread = r -> Thread.ofPlatform().daemon().start(r);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), ownThread);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), ownThread);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            byte[] o = out.get(10, TimeUnit.SECONDS);
            return new Engine.Result(p.exitValue(), new String(o, StandardCharsets.UTF_8),
                    new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8), o);
        } catch (Exception e) {
            throw new AssertionError("running " + command + " failed", e);
        }
    }

    /** The launcher with {@code args} in {@code env}. */
    static Engine.Result debug(Map<String, String> env, byte[] stdin, String... args) {
        return run(Engine.debug(args), env, stdin, 120);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
