package io.dockerdebug.it;

import io.dockerdebug.debug.StaleSidecars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every subcommand chooses the engine like a session does: {@code prune} through a profile or a
 * context reaches the second engine (and only it), and a context that does not exist is an
 * error, not a prune of the default socket.
 */
class EngineChoiceIT {
    @TempDir
    static Path home;

    private static String target;

    @BeforeAll
    static void start() throws Exception {
        Servers.require();
        target = Servers.secondTarget();
        Path config = home.resolve(".docker-debug/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[config.second]\nhost = \"" + Servers.SOCKET + "\"\n");
        Engine.Result created = Servers.run(List.of("docker", "--config", home.resolve(".docker").toString(),
                "context", "create", "dd-second", "--docker", "host=" + Servers.SOCKET), env(), null, 60);
        assertEquals(0, created.exitCode(), created.stderr());
    }

    @AfterAll
    static void stop() {
        Servers.removeSecond(target);
    }

    private static Map<String, String> env(String... extra) {
        return Servers.env(home, extra);
    }

    /**
     * A sidecar of the second engine's target whose client (a process of this machine) has ended:
     * the shape docker-debug creates (a waiting shell with stdin, AutoRemove, the target's pid
     * namespace), never started, as a client killed right after creating it leaves one.
     */
    private static String staleSidecar() throws Exception {
        return StaleSidecars.create(Servers.SOCKET, target, Engine.TOOLBOX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-n second prune", "prune -n second", "--context dd-second prune", "prune --context dd-second"})
    void pruneUsesTheChosenEngine(String args) throws Exception {
        String stale = staleSidecar();
        try {
            String[] argv = (args + " --target " + target).split(" ");
            Engine.Result r = Servers.debug(env(), null, argv);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(stale + "\n", r.stdout(), "the second engine's stale sidecar is removed and named");
            assertEquals(List.of(), Servers.secondSidecarsOf(target));
        } finally {
            Engine.run(List.of("docker", "-H", Servers.SOCKET, "rm", "-f", stale), null, 60);
        }
    }

    @Test
    void pruneThroughTheEnvironmentsContext() throws Exception {
        String stale = staleSidecar();
        try {
            Engine.Result r = Servers.debug(env("DOCKER_CONTEXT", "dd-second"), null, "prune", "--target", target);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(stale + "\n", r.stdout());
        } finally {
            Engine.run(List.of("docker", "-H", Servers.SOCKET, "rm", "-f", stale), null, 60);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--context broken prune", "prune --context broken", "-n broken prune", "-n broken ps"})
    void anEngineThatCannotBeChosenIsAnErrorNotTheDefaultSocket(String args) {
        Engine.Result r = Servers.debug(env(), null, args.split(" "));
        assertEquals(125, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("broken"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }
}
