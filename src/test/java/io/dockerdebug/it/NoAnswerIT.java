package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher never hangs on something that does not answer: an engine that accepts and stays
 * silent (for {@code ps} and for a session) and a credential helper that never ends, each with
 * {@code timeout = "2s"} in the config file, end with exit 125 and one line naming it.
 */
class NoAnswerIT {
    @TempDir
    static Path home;

    private static ServerSocket silent;
    private static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    ACCEPTED.add(silent.accept()); // held open, never answered
                }
            } catch (IOException closed) {
                // the tests are over
            }
        });
        Path config = home.resolve(".docker-debug/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "timeout = \"2s\"\n");
    }

    @AfterAll
    static void stop() throws IOException {
        silent.close();
        for (Socket s : ACCEPTED) {
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ps", "some-target true"})
    void aSilentEngineIsOneLineNamingIt(String args) {
        String host = "tcp://127.0.0.1:" + silent.getLocalPort();
        List<String> argv = new java.util.ArrayList<>(List.of("-H", host));
        argv.addAll(List.of(args.split(" ")));
        Engine.Result r = Servers.run(Engine.debug(argv.toArray(String[]::new)), Servers.env(home), null, 120);
        assertEquals(125, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains(host + " did not answer"), r.stderr());
        assertTrue(r.stderr().contains("within 2s"), r.stderr());
    }

    @Test
    void aCredentialHelperThatNeverEndsIsOneLineNamingIt() throws IOException {
        Engine.require();
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path helper = bin.resolve("docker-credential-sleepy");
        Files.writeString(helper, "#!/bin/sh\ncat >/dev/null\nsleep 300\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"credsStore\":\"sleepy\"}");
        Map<String, String> env = Servers.env(home);
        env.put("PATH", bin + ":" + env.get("PATH"));
        if (System.getenv("DOCKER_HOST") != null) {
            env.put("DOCKER_HOST", System.getenv("DOCKER_HOST")); // the engine Testcontainers uses
        }
        try (RunningTarget target = new RunningTarget(Engine.TARGET).startNow()) {
            Engine.Result r = Servers.run(Engine.debug("--pull", "always", "-i", "127.0.0.1:25000/docker-debug/never-pushed",
                    target.id(), "true"), env, null, 120);
            assertEquals(125, r.exitCode(), r.stderr());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(r.stderr().contains("docker-credential-sleepy did not answer within 2s"), r.stderr());
            assertEquals(List.of(), Engine.sidecarsOf(target.id()));
        }
    }
}
