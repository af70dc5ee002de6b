package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Testcontainers (which starts the targets) and the launcher (which debugs them) talk to the same
 * engine, and a DOCKER_HOST that does not answer fails the tests instead of Testcontainers
 * quietly falling back to the default socket.
 */
class SameEngineIT {
    @Test
    void testcontainersUsesTheLaunchersEngine() {
        Engine.require();
        Engine.Result info = Engine.run(Engine.debug("info"), null, 60);
        String host = DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
        assertTrue(info.stdout().contains(" host:      " + host + "\n"), host + " vs\n" + info.stdout());
        String dockerHost = System.getenv("DOCKER_HOST");
        assertEquals(dockerHost == null ? "unix:///var/run/docker.sock" : dockerHost, host);
    }

    @Test
    void anEngineThatDoesNotAnswerFailsInsteadOfFallingBack() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddocker-debug.launcher=" + Engine.launcher(), EngineProbe.class.getName());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "unix:///nonexistent/docker-debug-it/docker.sock");
        env.put("CI", "true");
        Engine.Result probe = Servers.run(command, env, null, 180);
        assertFalse(probe.stdout().contains("engine: "), "Testcontainers fell back: " + probe.stdout() + probe.stderr());
        assertEquals(1, probe.exitCode(), probe.stdout() + probe.stderr());
        assertTrue(probe.stdout().startsWith("refused: "), probe.stdout());
    }
}
