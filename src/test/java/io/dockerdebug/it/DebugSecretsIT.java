package io.dockerdebug.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --debug} prints no secret on the transports whose HTTP client has header and wire
 * loggers (TLS and ssh): neither the registry password of a pull with credentials (nor its
 * base64 forms: config.json's "auth", the X-Registry-Auth header) nor a value of the target's
 * environment (an inspect answer carries it). The output is only grepped, so this holds
 * whatever HTTP client the transport uses.
 */
class DebugSecretsIT {
    private static final String IMAGE = Servers.REGISTRY + "/docker-debug-test/toolbox:latest";
    private static final String USER = "debugger";
    private static final String PASSWORD = "s3cret-pass";
    private static final String SECRET = "dd-secret-" + UUID.randomUUID();
    /** Runs of base64 (standard or URL-safe) long enough to hide the password. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");

    @TempDir
    static Path home;

    private static String secondTarget;
    @RegisterExtension
    static final RunningTarget mainTarget = new RunningTarget(Engine.TARGET).with(c -> c.withEnv("DB_PASSWORD", SECRET));

    @BeforeAll
    static void start() throws IOException {
        Servers.require();
        secondTarget = Servers.second("run", "-d", "--label", "io.docker-debug.it=servers",
                "-e", "DB_PASSWORD=" + SECRET, Engine.TARGET);
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Path docker = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(docker.resolve("config.json"),
                "{\"auths\":{\"" + Servers.REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    @AfterAll
    static void stop() {
        Servers.removeSecond(secondTarget);
    }

    @Test
    void tlsDebugOutputHoldsNoCredentialNorEnvironment() {
        Map<String, String> env = Servers.env(home, "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", Servers.CLIENT_CERTS.toString());
        boolean hadImage = hasImage("-H", Servers.SOCKET);
        try {
            Engine.Result r = Servers.debug(env, null, "--debug", "-H", Servers.TLS_HOST, "--pull", "always",
                    "-i", IMAGE, secondTarget, "cat", "/etc/registry-marker");
            assertNoSecret(r);
            assertTrue(awaitNoSidecar(() -> Servers.secondSidecarsOf(secondTarget)), "sidecar removed");
        } finally {
            if (!hadImage) {
                Engine.run(List.of("docker", "-H", Servers.SOCKET, "rmi", IMAGE), null, 60);
            }
        }
    }

    @Test
    void sshDebugOutputHoldsNoCredentialNorEnvironment() {
        String id = mainTarget.id();
        boolean hadImage = hasImage();
        try {
            Engine.Result r = Servers.debug(Servers.env(home), null, "--debug", "-H", Servers.SSH_HOST,
                    "--pull", "always", "-i", IMAGE, id, "cat", "/etc/registry-marker");
            assertNoSecret(r);
            Engine.awaitNoSidecarOf(id, Duration.ofSeconds(30));
        } finally {
            if (!hadImage) {
                Engine.run(List.of("docker", "rmi", IMAGE), null, 60);
            }
        }
    }

    private static boolean hasImage(String... engine) {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(engine));
        cmd.addAll(List.of("image", "inspect", IMAGE));
        return Engine.run(cmd, null, 60).exitCode() == 0;
    }

    private static boolean awaitNoSidecar(java.util.function.Supplier<List<String>> sidecars) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sidecars.get().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Tmux.pause();
        }
        return true;
    }

    /** The session pulled with the credentials and ran; its output has the debug lines and no secret. */
    private static void assertNoSecret(Engine.Result r) {
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("from the registry\n", r.stdout(), "pulled from the registry with the credentials");
        assertTrue(r.stderr().contains("DEBUG"), "--debug logs: " + r.stderr());
        String all = r.stdout() + r.stderr();
        assertAll(
                () -> assertFalse(all.contains(PASSWORD), "the registry password is printed"),
                () -> assertEquals(List.of(), base64Secrets(all),
                        "a credential is printed in base64 (X-Registry-Auth, config.json's auth)"),
                () -> assertFalse(all.contains(SECRET), "the target's environment is printed"));
    }

    /** The runs of base64 in {@code text} that decode to something holding the password or the secret. */
    private static List<String> base64Secrets(String text) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = BASE64.matcher(text);
        while (m.find()) {
            String decoded = decode(m.group());
            if (decoded.contains(PASSWORD) || decoded.contains(SECRET)) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** The token decoded as base64 of either alphabet from each of its first 4 offsets (it may start mid-run). */
    private static String decode(String token) {
        String standard = token.replace('-', '+').replace('_', '/').replace("=", "");
        StringBuilder all = new StringBuilder();
        for (int cut = 0; cut < 4 && cut < standard.length(); cut++) {
            String t = standard.substring(cut);
            try {
                all.append(new String(Base64.getDecoder().decode(t + "=".repeat((4 - t.length() % 4) % 4)),
                        StandardCharsets.ISO_8859_1)).append('\n');
            } catch (IllegalArgumentException e) {
                // a length base64 cannot have from this offset: the others cover it
            }
        }
        return all.toString();
    }
}
