package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarCommandsTest {
    @ParameterizedTest
    @CsvSource({
            "0, Less than a second ago",
            "1, 1 second ago",
            "59, 59 seconds ago",
            "61, About a minute ago",
            "600, 10 minutes ago",
            "3700, About an hour ago",
            "10800, 3 hours ago",
            "259200, 3 days ago"})
    void agesReadLikeDockerPs(long seconds, String age) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(age, SidecarCommands.age(now.minusSeconds(seconds), now));
    }

    /** Bad input to rm: one line, exit 125, before any engine call (the host does not exist). */
    @Test
    void rmNeedsSidecarsOrAll() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
        assertEquals(125, Main.run(new String[] {"-H", "unix:///nonexistent/docker.sock", "rm"}, stdio));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--all"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(125, Main.run(new String[] {"rm", "--target", "web", "abc"}, stdio));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--target"), err.toString(StandardCharsets.UTF_8));
    }
}
