package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subcommands and the engine-choosing options, up to (never reaching) an engine. */
class ConfigCommandsTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve(".docker").toString()), false);
        return Main.run(args, stdio);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void subcommandsNeedNoContainerButTheMainCommandDoes() {
        assertEquals(125, run());
        assertTrue(err().startsWith("docker-debug: Missing required parameter: 'CONTAINER'\n"), err());
        assertEquals(0, run("init"));
        assertTrue(Files.exists(home.resolve(".docker-debug/config.toml")));
        assertEquals(125, run("init"));
        assertTrue(err().contains("already exists; use --force"), err());
        assertEquals(0, run("init", "--force"));
        assertEquals(0, run("config", "-n", "b", "-H", "tcp://b:1"));
        assertEquals(0, run("config", "-n", "a", "-H", "ssh://a"));
        assertEquals(0, run("config"));
        String shown = out.toString(StandardCharsets.UTF_8);
        assertTrue(shown.indexOf("[config.b]") < shown.indexOf("[config.a]"), "in file order: " + shown);
    }

    @Test
    void hostAndContextConflict() {
        assertEquals(125, run("-H", "unix:///x.sock", "--context", "c", "t"));
        assertEquals("docker-debug: conflicting options: either specify --host or --context, not both\n", err());
    }

    @Test
    void unknownProfilesAndContextsAreNamed() {
        assertEquals(125, run("-n", "nope", "t"));
        assertEquals("docker-debug: no profile named \"nope\" in " + home.resolve(".docker-debug/config.toml") + "\n", err());
        assertEquals(125, run("--context", "gone", "t"));
        assertTrue(err().startsWith("docker-debug: context \"gone\" does not exist"), err());
        assertFalse(Files.exists(home.resolve(".docker-debug")), "nothing written");
    }

    @Test
    void aMalformedFileStopsEverythingWithOneLine() throws Exception {
        Path file = home.resolve("c.toml");
        Files.writeString(file, "timeout = \"soon\"\n");
        assertEquals(125, run("--config", file.toString(), "-H", "unix:///nonexistent.sock", "t"));
        assertEquals("docker-debug: " + file + ":1: 'timeout' must be seconds or a duration such as \"10s\"\n", err());
    }
}
