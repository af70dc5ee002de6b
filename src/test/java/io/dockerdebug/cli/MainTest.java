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
}
