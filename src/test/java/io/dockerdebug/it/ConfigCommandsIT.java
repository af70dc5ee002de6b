package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** init, config, use and info through the real launcher, and the main command's defaults from the file. */
class ConfigCommandsIT {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Servers.env(home);
    }

    private Path defaultFile() {
        return home.resolve(".docker-debug/config.toml");
    }

    private Engine.Result debug(String... args) {
        return Servers.debug(env(), null, args);
    }

    @Test
    void initWritesOnceAndRefusesToOverwriteWithoutForce() throws IOException {
        Engine.Result first = debug("init");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(Files.readString(defaultFile()).startsWith("# docker-debug configuration"));

        Files.writeString(defaultFile(), "image = \"mine\"\n");
        Engine.Result again = debug("init");
        assertEquals(125, again.exitCode());
        assertEquals("docker-debug: " + defaultFile() + " already exists; use --force to overwrite it\n", again.stderr());
        assertEquals("image = \"mine\"\n", Files.readString(defaultFile()));

        assertEquals(0, debug("init", "--force").exitCode());
        assertTrue(Files.readString(defaultFile()).startsWith("# docker-debug configuration"));
    }

    @Test
    void aMissingFileIsDefaultsAndNothingIsWritten() {
        Engine.Result r = debug("info");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains(defaultFile() + " (no file: defaults)"), r.stdout());
        assertTrue(r.stdout().contains(" source:    default socket"), r.stdout());
        assertTrue(r.stdout().contains(" storage:   "), r.stdout());
        assertFalse(Files.exists(home.resolve(".docker-debug")), "nothing written");
    }

    @Test
    void aMalformedFileIsOneLineNamingFileAndLineAndIsNeverRewritten() throws IOException {
        Files.createDirectories(defaultFile().getParent());
        String bad = "image = \"docker-debug-test/toolbox\"\n\n[config.x]\nhost = tcp://h:1\n";
        Files.writeString(defaultFile(), bad);
        for (String[] args : new String[][] {{"info"}, {"config", "-n", "x", "-H", "tcp://h:2"}, {"use", "x"},
                {"some-target", "true"}}) {
            Engine.Result r = debug(args);
            assertEquals(125, r.exitCode(), String.join(" ", args));
            assertEquals("docker-debug: " + defaultFile() + ":4: invalid value 'tcp://h:1' (strings need quotes)\n",
                    r.stderr(), String.join(" ", args));
        }
        assertEquals(bad, Files.readString(defaultFile()));
    }

    @Test
    void configSetsAndShowsProfilesAndUseMakesOneTheDefault() throws IOException {
        Path file = home.resolve("elsewhere.toml");
        Engine.Result set = debug("--config", file.toString(), "config", "-n", "plain", "-H", Servers.PLAIN_HOST);
        assertEquals(0, set.exitCode(), set.stderr());
        assertEquals("[config.plain]\nhost = \"" + Servers.PLAIN_HOST + "\"\ntls = false\n", set.stdout());
        Engine.Result tls = Servers.debug(Servers.env(home, "DOCKER_DEBUG_CONFIG", file.toString()), null,
                "config", "-n", "secure", "-H", Servers.TLS_HOST, "--tls", "--cert-dir", Servers.CLIENT_CERTS.toString());
        assertEquals(0, tls.exitCode(), tls.stderr());
        assertFalse(Files.exists(defaultFile()), "--config and DOCKER_DEBUG_CONFIG point elsewhere");

        Engine.Result badHost = debug("config", "--config", file.toString(), "-n", "x", "-H", "http://nope");
        assertEquals(125, badHost.exitCode());
        assertFalse(Files.readString(file).contains("nope"), "nothing written for a bad host");

        Engine.Result unknown = debug("use", "--config", file.toString(), "zzz");
        assertEquals(125, unknown.exitCode());
        assertTrue(unknown.stderr().contains("no profile named \"zzz\""), unknown.stderr());

        assertEquals(0, debug("use", "--config", file.toString(), "secure").exitCode());
        assertTrue(Files.readString(file).contains("config_default = \"secure\""));
        Engine.Result info = debug("info", "--config", file.toString());
        assertEquals(0, info.exitCode(), info.stderr());
        assertTrue(info.stdout().contains(" source:    profile \"secure\" (config_default)"), info.stdout());
        assertTrue(info.stdout().contains(" host:      " + Servers.TLS_HOST), info.stdout());
        Engine.Result byName = debug("--config", file.toString(), "-n", "plain", "info");
        assertTrue(byName.stdout().contains(" source:    profile \"plain\" (flag -n)"), byName.stdout());

        Engine.Result show = debug("config", "--config", file.toString());
        assertTrue(show.stdout().contains("[config.secure]   # the default profile"), show.stdout());
        assertTrue(show.stdout().contains("[config.plain]"), show.stdout());
    }

    @Test
    void theMainCommandTakesImageMountDirAndCommandFromTheFile() throws IOException {
        Files.createDirectories(defaultFile().getParent());
        Files.writeString(defaultFile(), """
                image = "%s"
                mount_dir = "/target-root"
                command = "cat /target-root/etc/target-marker"
                """.formatted(Engine.TOOLBOX));
        try (RunningTarget target = new RunningTarget(Engine.TARGET).startNow()) {
            Engine.Result r = debug(target.id());
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("hello from the target\n", r.stdout());
            Engine.Result flags = debug("--mount-dir", "/m", target.id(), "ls", "/m/etc/target-marker");
            assertEquals(0, flags.exitCode(), flags.stderr());
            assertEquals("/m/etc/target-marker\n", flags.stdout(), "options win over the file");
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(20));
        }
    }
}
