package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulls from a registry with htpasswd auth into the second engine (which only these tests use,
 * so its copy of the image can be removed before each pull): credentials from a test
 * config.json ("auths", and "credsStore" through a docker-credential helper), and the progress.
 */
class RegistryIT {
    private static final String IMAGE = Servers.REGISTRY + "/docker-debug-test/toolbox:latest";
    private static final String AUTH = "{\"auths\":{\"" + Servers.REGISTRY + "\":{\"auth\":\"ZGVidWdnZXI6czNjcmV0LXBhc3M=\"}}}";

    @TempDir
    static Path home;

    private static String target;

    @BeforeAll
    static void start() {
        Servers.require();
        target = Servers.secondTarget();
    }

    @AfterAll
    static void stop() {
        Servers.removeSecond(target);
    }

    @BeforeEach
    void removeImage() {
        Engine.run(List.of("docker", "-H", Servers.SOCKET, "rmi", "-f", IMAGE), null, 60);
    }

    private static Map<String, String> envWithConfig(String json) throws IOException {
        Path docker = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(docker.resolve("config.json"), json);
        return Servers.env(home);
    }

    private static Engine.Result pull(Map<String, String> env) {
        return Servers.debug(env, null, "-H", Servers.SOCKET, "-i", IMAGE, target, "cat", "/etc/registry-marker");
    }

    @Test
    void withoutCredentialsThePullFailsClearlyAndNothingIsCreated() throws IOException {
        Engine.Result r = pull(envWithConfig("{}"));
        assertEquals(125, r.exitCode());
        assertTrue(r.stderr().contains("no basic auth credentials"), r.stderr());
        assertTrue(Servers.secondSidecarsOf(target).isEmpty());
    }

    @Test
    void credentialsFromAuthsInConfigJson() throws IOException {
        Engine.Result r = pull(envWithConfig(AUTH));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("from the registry\n", r.stdout());
        assertTrue(r.stderr().contains("Pulling from docker-debug-test/toolbox"), r.stderr());
        assertTrue(r.stderr().contains(": Pull complete"), r.stderr());
        assertTrue(r.stderr().contains("Status: Downloaded newer image for " + IMAGE), r.stderr());
    }

    @Test
    void credentialsFromACredsStoreHelper() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path helper = bin.resolve("docker-credential-ddtest");
        Files.writeString(helper, """
                #!/bin/sh
                [ "$1" = get ] || exit 1
                read server
                [ "$server" = "%s" ] || { echo "credentials not found in native keychain"; exit 1; }
                printf '{"ServerURL":"%%s","Username":"debugger","Secret":"s3cret-pass"}\\n' "$server"
                """.formatted(Servers.REGISTRY));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new java.util.HashMap<>(envWithConfig("{\"credsStore\":\"ddtest\"}"));
        env.put("PATH", bin + ":" + env.get("PATH"));
        Engine.Result r = pull(env);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("from the registry\n", r.stdout());
    }

    @Test
    void progressOnATerminal() throws IOException {
        envWithConfig(AUTH);
        try (Tmux tmux = new Tmux()) {
            Tmux.Pane pane = tmux.newSession(120, 30);
            pane.type("env HOME=" + home + " DOCKER_CONFIG=" + home.resolve(".docker") + " " + Engine.launcher()
                    + " -H " + Servers.SOCKET + " -i " + IMAGE + " " + target + " cat /etc/registry-marker; echo EXIT=$?");
            List<String> lines = pane.awaitLine("EXIT=0");
            assertTrue(lines.stream().anyMatch(l -> l.equals("from the registry")), Tmux.tail(lines));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(": Pull complete")), Tmux.tail(lines));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Status: Downloaded newer image")), Tmux.tail(lines));
        }
    }
}
