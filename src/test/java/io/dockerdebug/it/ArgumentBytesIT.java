package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arguments, -c strings and container names reach the engine as the docker CLI sends them,
 * outside a UTF-8 locale too (cron, systemd units, env -i, ssh without a locale): the real
 * launcher under {@code env -i} and {@code LC_ALL=C}, the same bytes given to {@code docker exec}.
 */
class ArgumentBytesIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);

    /**
     * Runs {@code script} under sh with no environment but the engine's address (and LC_ALL when
     * given); the test passes only ASCII, the script makes the bytes with printf escapes.
     * $1 is the launcher, $2 the toolbox, $3 the target.
     */
    private static Result bare(String lcAll, String script) {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        String host = System.getenv("DOCKER_HOST");
        if (host != null) {
            cmd.add("DOCKER_HOST=" + host);
        }
        if (lcAll != null) {
            cmd.add("LC_ALL=" + lcAll);
        }
        cmd.addAll(List.of("/bin/sh", "-c", script, "sh", Engine.launcher(), TOOLBOX, target.id()));
        Result r = run(cmd, null, 60);
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        return r;
    }

    private static final byte[] HELLO = {'h', (byte) 0xC3, (byte) 0xA9, 'l', 'l', 'o', '\n'};

    @Test
    void nonAsciiArgumentsPassByteExactWithNoLocale() {
        String args = "printf '%s\\n' \"$(printf 'h\\303\\251llo')\"";
        Result ours = bare(null, "exec \"$1\" -i \"$2\" \"$3\" " + args);
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertArrayEquals(HELLO, ours.stdoutBytes(), ours.stdout());
        Result docker = bare(null, "exec docker exec \"$3\" " + args);
        assertArrayEquals(docker.stdoutBytes(), ours.stdoutBytes(), "as docker exec: " + docker.stdout());
    }

    @Test
    void aShellStringPassesByteExactUnderTheCLocale() {
        Result ours = bare("C", "exec \"$1\" -i \"$2\" \"$3\" -c \"echo $(printf 'h\\303\\251llo')\"");
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertArrayEquals(HELLO, ours.stdoutBytes(), ours.stdout());
    }

    @Test
    void bytesThatAreNotUtf8BecomeWhatDockerSendsForThem() {
        // JSON strings are UTF-8: docker sends U+FFFD for each invalid byte, and so do we.
        String args = "printf '%s' \"$(printf 'h\\351l\\342\\202o')\"";
        Result ours = bare("C", "exec \"$1\" -i \"$2\" \"$3\" " + args);
        assertEquals(0, ours.exitCode(), ours.stderr());
        Result docker = bare("C", "exec docker exec \"$3\" " + args);
        assertArrayEquals(docker.stdoutBytes(), ours.stdoutBytes(), "ours: " + ours.stdout() + " docker: " + docker.stdout());
        assertEquals("h\uFFFDl\uFFFD\uFFFDo", ours.stdout());
    }

    @Test
    void aContainerNameIsLookedUpAndReportedAsItsBytes() {
        Result r = bare("C", "exec \"$1\" -i \"$2\" \"$(printf 'n\\303\\251-no-such')\" true");
        assertEquals(125, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("né-no-such"), "the name's UTF-8: " + r.stderr());
    }
}
