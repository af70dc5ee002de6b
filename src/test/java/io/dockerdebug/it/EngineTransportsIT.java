package io.dockerdebug.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine reached every way the docker CLI can: TLS with client certificates, plain TCP,
 * docker contexts (flag, env, currentContext), ssh:// and profiles; a piped session over each,
 * so stdin's EOF (a half-close on every transport) reaches the command.
 */
class EngineTransportsIT {
    private static final byte[] INPUT = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
    private static final String SCRIPT = "wc -l; cat /mnt/container/etc/target-marker";
    private static final String EXPECTED = "3\nhello from the target\n";

    @TempDir
    static Path home;

    private static String secondTarget;
    @RegisterExtension
    static final RunningTarget mainTarget = new RunningTarget(Engine.TARGET);

    @BeforeAll
    static void start() {
        Servers.require();
        secondTarget = Servers.secondTarget();
    }

    @AfterAll
    static void stop() {
        Servers.removeSecond(secondTarget);
    }

    private static Map<String, String> env(String... extra) {
        return Servers.env(home, extra);
    }

    /** A piped one-off session on the second engine's target; checks output, exit code and cleanup. */
    private static void pipedSessionOnSecondEngine(Map<String, String> env, String... engineArgs) {
        List<String> args = new java.util.ArrayList<>(List.of(engineArgs));
        args.addAll(List.of("-i", Engine.TOOLBOX, secondTarget, "-c", SCRIPT));
        Engine.Result r = Servers.debug(env, INPUT, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(EXPECTED, r.stdout());
        assertTrue(Servers.secondSidecarsOf(secondTarget).isEmpty() || awaitNoSecondSidecar(), "sidecar removed");
    }

    private static boolean awaitNoSecondSidecar() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Servers.secondSidecarsOf(secondTarget).isEmpty()) {
                return true;
            }
            Tmux.pause();
        }
        return false;
    }

    private static JsonNode info(Map<String, String> env, String... args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of("info", "--format", "json"));
        all.addAll(List.of(args));
        Engine.Result r = Servers.debug(env, null, all.toArray(String[]::new));
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertEquals(json.path("engine").path("error").isNull() ? 0 : 125, r.exitCode(), r.stderr());
        return json;
    }

    @Test
    void tlsWithClientCertificatesFromTheEnvironment() {
        pipedSessionOnSecondEngine(env("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", Servers.CLIENT_CERTS.toString()),
                "-H", Servers.TLS_HOST);
        // Any non-empty DOCKER_TLS_VERIFY turns verification on, as in the docker CLI.
        pipedSessionOnSecondEngine(env("DOCKER_TLS_VERIFY", "0", "DOCKER_CERT_PATH", Servers.CLIENT_CERTS.toString(),
                "DOCKER_HOST", Servers.TLS_HOST));
    }

    @Test
    void wrongOrMissingCertificatesAreAClearError() throws IOException {
        Engine.Result stranger = Servers.debug(env("DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", Servers.STRANGER_CERTS.toString()), null,
                "-H", Servers.TLS_HOST, "-i", Engine.TOOLBOX, secondTarget, "true");
        assertEquals(125, stranger.exitCode());
        assertTrue(stranger.stderr().contains("TLS connection to the Docker engine at " + Servers.TLS_HOST + " failed"),
                stranger.stderr());
        assertEquals(1, stranger.stderr().lines().filter(l -> l.contains("TLS")).count(), stranger.stderr());

        Path empty = Files.createDirectories(home.resolve("no-certs"));
        Engine.Result missing = Servers.debug(env("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", empty.toString()), null,
                "-H", Servers.TLS_HOST, "-i", Engine.TOOLBOX, secondTarget, "true");
        assertEquals(125, missing.exitCode());
        assertTrue(missing.stderr().contains("no ca.pem, cert.pem and key.pem in " + empty), missing.stderr());

        // Plain HTTP to the TLS port: the engine answers with a client error, never a hang.
        Engine.Result plain = Servers.debug(env(), null, "-H", Servers.TLS_HOST, "-i", Engine.TOOLBOX, secondTarget, "true");
        assertEquals(125, plain.exitCode(), plain.stderr());
        assertTrue(Servers.secondSidecarsOf(secondTarget).isEmpty(), "nothing created");
    }

    /**
     * A server whose certificate a stranger CA signed (the engine itself behind it, so trusting
     * any certificate would get through): refused with one line, 125, nothing created. The
     * control: the same client certificates with the stranger CA as ca.pem reach the engine.
     */
    @Test
    void aServerCertificateFromAStrangerCaIsRefused() throws IOException {
        Engine.Result r = Servers.debug(env("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", Servers.CLIENT_CERTS.toString()),
                null, "-H", Servers.STRANGER_TLS_HOST, "-i", Engine.TOOLBOX, secondTarget, "true");
        assertEquals(125, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("docker-debug: TLS connection to the Docker engine at "
                + Servers.STRANGER_TLS_HOST + " failed"), r.stderr());
        assertTrue(Servers.secondSidecarsOf(secondTarget).isEmpty(), "nothing created");

        Path trusting = Files.createDirectories(home.resolve("trusts-the-stranger"));
        Files.copy(Servers.STRANGER_CA, trusting.resolve("ca.pem"));
        Files.copy(Servers.CLIENT_CERTS.resolve("cert.pem"), trusting.resolve("cert.pem"));
        Files.copy(Servers.CLIENT_CERTS.resolve("key.pem"), trusting.resolve("key.pem"));
        pipedSessionOnSecondEngine(env("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", trusting.toString()),
                "-H", Servers.STRANGER_TLS_HOST);
    }

    @Test
    void plainTcp() {
        pipedSessionOnSecondEngine(env(), "-H", Servers.PLAIN_HOST);
    }

    /**
     * A command that runs on after its piped stdin ended: the half-closed connection must carry
     * its output to the end (a forward that closed it 0.5 s after the half-close cut the output,
     * and the engine then recorded 126 for the exec whose attach broke: the load flake).
     */
    @Test
    void plainTcpCarriesAHalfClosedSessionToItsEnd() {
        Engine.Result r = Servers.debug(env(), "a\n".getBytes(StandardCharsets.UTF_8), "-H", Servers.PLAIN_HOST,
                "-i", Engine.TOOLBOX, secondTarget, "-c", "cat; sleep 2; echo after");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("a\nafter\n", r.stdout());
        assertTrue(Servers.secondSidecarsOf(secondTarget).isEmpty() || awaitNoSecondSidecar(), "sidecar removed");
    }

    @Test
    void contextsMadeByTheDockerCliByFlagEnvAndCurrentContext() throws IOException {
        Map<String, String> env = env();
        String config = env.get("DOCKER_CONFIG");
        Servers.run(List.of("docker", "--config", config, "context", "create", "dd-plain",
                "--docker", "host=" + Servers.PLAIN_HOST), env, null, 60);
        Path certs = Servers.CLIENT_CERTS;
        Engine.Result created = Servers.run(List.of("docker", "--config", config, "context", "create", "dd-tls",
                "--docker", "host=" + Servers.TLS_HOST + ",ca=" + certs.resolve("ca.pem") + ",cert="
                        + certs.resolve("cert.pem") + ",key=" + certs.resolve("key.pem")), env, null, 60);
        assertEquals(0, created.exitCode(), created.stderr());

        JsonNode byFlag = info(env, "--context", "dd-tls");
        assertEquals("context \"dd-tls\" (flag --context)", byFlag.path("engine").path("source").asText());
        assertTrue(byFlag.path("engine").path("tlsVerify").asBoolean());
        assertFalse(byFlag.path("engine").path("serverVersion").isNull(), byFlag.toString());

        JsonNode byEnv = info(env("DOCKER_CONTEXT", "dd-plain"));
        assertEquals(Servers.PLAIN_HOST, byEnv.path("engine").path("host").asText());
        pipedSessionOnSecondEngine(env("DOCKER_CONTEXT", "dd-plain"));

        Engine.Result use = Servers.run(List.of("docker", "--config", config, "context", "use", "dd-tls"), env, null, 60);
        assertEquals(0, use.exitCode(), use.stderr());
        JsonNode current = info(env);
        assertTrue(current.path("engine").path("source").asText().startsWith("context \"dd-tls\" (currentContext in "),
                current.toString());
        pipedSessionOnSecondEngine(env);

        // DOCKER_HOST wins over the current context and its TLS files.
        JsonNode overridden = info(env("DOCKER_HOST", "unix:///var/run/docker.sock"));
        assertEquals("unix:///var/run/docker.sock", overridden.path("engine").path("host").asText());
        assertFalse(overridden.path("engine").path("tls").asBoolean());

        // SkipTLSVerify: the engine's CA is not given, so only skipping verification gets through.
        Engine.Result skip = Servers.run(List.of("docker", "--config", config, "context", "create", "dd-skip",
                "--docker", "host=" + Servers.TLS_HOST + ",cert=" + certs.resolve("cert.pem") + ",key="
                        + certs.resolve("key.pem") + ",skip-tls-verify=true"), env, null, 60);
        assertEquals(0, skip.exitCode(), skip.stderr());
        JsonNode skipped = info(env, "--context", "dd-skip");
        assertTrue(skipped.path("engine").path("tls").asBoolean());
        assertFalse(skipped.path("engine").path("tlsVerify").asBoolean());
        assertFalse(skipped.path("engine").path("serverVersion").isNull(), skipped.toString());
        pipedSessionOnSecondEngine(env, "--context", "dd-skip");

        Engine.Result unknown = Servers.debug(env, null, "--context", "nope", "-i", Engine.TOOLBOX, secondTarget, "true");
        assertEquals(125, unknown.exitCode());
        assertTrue(unknown.stderr().startsWith("docker-debug: context \"nope\" does not exist"), unknown.stderr());
        Servers.run(List.of("docker", "--config", config, "context", "use", "default"), env, null, 60);
    }

    @Test
    void sshPipedSession() {
        Engine.Result r = Servers.debug(env(), INPUT, "-H", Servers.SSH_HOST, "-i", Engine.TOOLBOX,
                mainTarget.id(), "-c", SCRIPT);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(EXPECTED, r.stdout());
        Engine.awaitNoSidecarOf(mainTarget.id(), Duration.ofSeconds(20));

        Engine.Result refused = Servers.debug(env(), null, "-H", "ssh://root@127.0.0.1:1", "-i", Engine.TOOLBOX,
                mainTarget.id(), "true");
        assertEquals(125, refused.exitCode());
        assertTrue(refused.stderr().contains("through ssh: ssh: connect to host 127.0.0.1 port 1"), refused.stderr());
    }

    /**
     * One transport with kept-alive connections: on ssh each connection is an {@code ssh … dial-stdio}
     * process, so counting the processes counts the connections. {@code ps} (a ping and a listing)
     * takes one; a session takes one for all its calls and one per stream it holds open (the
     * exec's hijacked stream, the sidecar's stdin, the events that end it).
     */
    @Test
    void sshConnectionsAreKeptAliveAndReused() throws IOException {
        Path bin = Files.createDirectories(home.resolve("counting-ssh"));
        Path log = home.resolve("ssh-starts.log");
        Path ssh = bin.resolve("ssh");
        Files.writeString(ssh, "#!/bin/sh\necho start >> '" + log + "'\nexec '" + Servers.SSH_BIN.resolve("ssh")
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(ssh, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("PATH", bin + ":" + env.get("PATH"));

        Engine.Result ps = Servers.debug(env, null, "-H", Servers.SSH_HOST, "ps");
        assertEquals(0, ps.exitCode(), ps.stderr());
        assertEquals(1, sshStarts(log), "one ssh process for the ping and the listing");

        Files.delete(log);
        String id = mainTarget.id();
        Engine.Result r = Servers.debug(env, INPUT, "-H", Servers.SSH_HOST, "-i", Engine.TOOLBOX, id, "-c", SCRIPT);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(EXPECTED, r.stdout());
        long starts = sshStarts(log);
        // One for the calls, one for a listing that may run beside them (stale sidecars), and one
        // each for the exec's stream, the sidecar's stdin and the events: never one per call.
        assertTrue(starts >= 1 && starts <= 5, "ssh processes for a session's dozen calls and its streams: " + starts);
        Engine.awaitNoSidecarOf(id, Duration.ofSeconds(20));
    }

    private static long sshStarts(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void interactiveSessionOverSsh() {
        String id = mainTarget.id();
        try (Tmux tmux = new Tmux()) {
            Tmux.Pane pane = tmux.newSession(100, 30);
            pane.type("env HOME=" + home + " DOCKER_CONFIG=" + home.resolve(".docker") + " PATH=" + Servers.SSH_BIN + ":$PATH "
                    + Engine.launcher() + " -H " + Servers.SSH_HOST + " -i " + Engine.TOOLBOX + " " + id + "; echo EXIT=$?");
            // ssh and the engine behind it: generous, the machine may be loaded.
            Duration slow = Duration.ofSeconds(90);
            pane.awaitLine("/mnt/container #", slow);
            pane.type("cat /mnt/container/etc/target-marker; stty size");
            pane.awaitLine("hello from the target", slow);
            pane.awaitLine("30 100", slow);
            pane.type("exit 5");
            pane.awaitLine("EXIT=5", slow);
        }
        Engine.awaitNoSidecarOf(id, Duration.ofSeconds(20));
    }

    @Test
    void profilesChooseTheEngineAndMayPinTheApiVersion() throws IOException {
        Path config = home.resolve("profiles.toml");
        Files.writeString(config, """
                config_default = "tls"
                [config.tls]
                host = "%s"
                tls = true
                cert_dir = "%s"
                [config.old]
                host = "%s"
                version = "1.40"
                """.formatted(Servers.TLS_HOST, Servers.CLIENT_CERTS, Servers.PLAIN_HOST));
        Map<String, String> env = env("DOCKER_DEBUG_CONFIG", config.toString());
        JsonNode byDefault = info(env);
        assertEquals("profile \"tls\" (config_default)", byDefault.path("engine").path("source").asText());
        String serverApi = byDefault.path("engine").path("serverApiVersion").asText();
        assertEquals(serverApi, byDefault.path("engine").path("apiVersion").asText(), "negotiated: the server's own");
        pipedSessionOnSecondEngine(env);

        JsonNode pinned = info(env, "-n", "old");
        assertEquals("1.40", pinned.path("engine").path("apiVersion").asText());
        assertTrue(pinned.path("engine").path("apiVersionPinned").asBoolean());
        pipedSessionOnSecondEngine(env, "-n", "old");
    }
}
