package io.dockerdebug.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing waits forever: an engine that accepts and never answers, and a credential helper that
 * never ends, fail with one line naming what did not answer. (The bound on each test only stops a
 * hang from stalling the build; what is asserted is the error.)
 */
class NoAnswerTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // held open, never read, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEngineThatNeverAnswersFailsWithOneLine(boolean tls) {
        URI host = URI.create("tcp://127.0.0.1:" + silent.getLocalPort());
        // TLS without verification: the handshake itself is what never ends.
        DockerEndpoint endpoint = new DockerEndpoint(host, tls, null, false, null, "test");
        EngineException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (HttpDockerEngine engine = new HttpDockerEngine(endpoint, TIMEOUT, null)) {
                return assertThrows(EngineException.class, () -> engine.listContainers(ContainerFilter.labels(Map.of("x", "y"))));
            }
        });
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(e.getMessage().contains("within 1s"), e.getMessage());
        assertTrue(e.getMessage().contains(host.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aPinnedApiVersionStillHasADeadline() {
        URI host = URI.create("tcp://127.0.0.1:" + silent.getLocalPort());
        DockerEndpoint endpoint = new DockerEndpoint(host, false, null, false, "1.41", "test");
        EngineException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (HttpDockerEngine engine = new HttpDockerEngine(endpoint, TIMEOUT, null)) {
                return assertThrows(EngineException.class, () -> engine.inspectContainer("c"));
            }
        });
        assertTrue(e.getMessage().contains("did not answer GET /containers/c/json within 1s"), e.getMessage());
    }

    @Test
    void aCredentialHelperThatNeverEndsIsKilledAtTheDeadline() throws IOException {
        // Not exec: the shell's child keeps stdout open too, as a helper that forks would.
        Path helper = dir.resolve("docker-credential-sleepy");
        Files.writeString(helper, "#!/bin/sh\ncat >/dev/null\nsleep 300\necho '{}'\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        IOException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(IOException.class, () -> RegistryAuth.runHelper(helper.toString(), "r.io", TIMEOUT)));
        assertEquals(helper + " did not answer within 1s", e.getMessage());
    }

    @Test
    void aCredentialHelperThatAnswersIsRead() throws IOException {
        Path helper = dir.resolve("docker-credential-quick");
        Files.writeString(helper, "#!/bin/sh\nread server\necho \"{\\\"ServerURL\\\":\\\"$server\\\"}\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        assertEquals("{\"ServerURL\":\"r.io\"}\n", RegistryAuth.runHelper(helper.toString(), "r.io", Duration.ofSeconds(60)));
    }
}
