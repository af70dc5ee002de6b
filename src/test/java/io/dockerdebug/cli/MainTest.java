package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        return Main.run(args, stdio);
    }

    @Test
    void versionAndHelpNeedNoEngine() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("docker-debug version "), out.toString());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("CONTAINER"));
        assertTrue(out.toString().contains("--detach-keys"));
    }

    /** Bad input: one line on stderr (plus docker's usage hint), exit 125, before any engine call. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-t -T c                      | -t and -T",
            "--pull sometimes c           | --pull",
            "-v nocolon c                 | --volume",
            "--detach-keys ctrl-1 c       | detach keys",
            "-u a:b:c c                   | --user",
            "--mount-dir rel c            | --mount-dir",
            "-c 'x' c ls                  | -c",
            "-H http://x c                | docker host"})
    void badInputIs125WithOneClearLine(String args, String word) {
        // An engine that cannot exist: reaching it would fail differently.
        String[] argv = ("-H unix:///nonexistent/docker.sock " + args).replace("'", "").split("\\s+");
        if (args.startsWith("-H")) {
            argv = args.split("\\s+");
        }
        assertEquals(125, run(argv));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("docker-debug: "), e);
        assertTrue(e.lines().findFirst().orElseThrow().contains(word), e);
        assertTrue(!e.contains("Exception"), e);
    }

    private int runWithEnv(Map<String, String> env, String... args) {
        Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return Main.run(args, stdio);
    }

    @Test
    void outputGoesToStdoutAndMessagesToStderr() {
        assertEquals(0, run("--version"));
        assertEquals("", err.toString());
        out.reset();
        assertEquals(125, run("--no-such-option", "c"));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("docker-debug: "), err.toString());
    }

    /** Colours are forced on (as on a terminal); NO_COLOR, when not empty, turns them off. */
    @Test
    void noColorTurnsHelpColoursOff() {
        withPicocliAnsi("true", () -> {
            assertEquals(0, runWithEnv(Map.of(), "--help"));
            assertTrue(out.toString().contains("\u001b["), "colours when forced: " + out);
            out.reset();
            assertEquals(0, runWithEnv(Map.of("NO_COLOR", ""), "--help"));
            assertTrue(out.toString().contains("\u001b["), "an empty NO_COLOR does not count");
            out.reset();
            assertEquals(0, runWithEnv(Map.of("NO_COLOR", "1"), "--help"));
            assertFalse(out.toString().contains("\u001b["), out.toString());
            out.reset();
            assertEquals(0, runWithEnv(Map.of("NO_COLOR", "1"), "completion", "--help"));
            assertFalse(out.toString().contains("\u001b["), "subcommands too: " + out);
        });
    }

    /** Runs body with picocli's colour setting forced (as on a terminal, or off), then restores it. */
    static void withPicocliAnsi(String value, Runnable body) {
        String old = System.setProperty("picocli.ansi", value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", old);
            }
        }
    }

    @Test
    void missingContainerIsAUsageError() {
        assertEquals(125, run());
        assertTrue(err.toString().contains("CONTAINER"));
    }

    @Test
    void anUnreachableEngineIs125WithOneLine() {
        assertEquals(125, run("-H", "unix:///nonexistent/docker.sock", "c", "true"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("cannot connect to the Docker engine at unix:///nonexistent/docker.sock"), e);
    }

    /** One parser for --pull (SidecarOptions.PullPolicy's): both commands refuse a bad value before any engine call. */
    @Test
    void aBadPullPolicyIsOneLineNamingTheFlag() {
        for (String[] args : new String[][] {{"--pull", "sometimes", "c", "true"},
                {"port-forward", "--pull", "sometimes", "c", "8080"}}) {
            err.reset();
            assertEquals(125, run(args), String.join(" ", args));
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, e.lines().count(), e);
            assertTrue(e.contains("--pull") && e.contains("\"sometimes\""), e);
        }
    }
}
