package io.dockerdebug.tty;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PullProgressPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void plainOutputIsOneLinePerStatusChangeWithoutBars() {
        PullProgressPrinter p = new PullProgressPrinter(out, false);
        p.onProgress(null, "Pulling from tools", null);
        p.onProgress("a1", "Downloading", "[=>   ] 1MB/5MB");
        p.onProgress("a1", "Downloading", "[==>  ] 2MB/5MB");
        p.onProgress("a1", "Pull complete", null);
        assertEquals("Pulling from tools\na1: Downloading\na1: Pull complete\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void terminalOutputRewritesEachLayersLineInPlace() {
        PullProgressPrinter p = new PullProgressPrinter(out, true);
        p.onProgress("a1", "Downloading", "[=>  ]");
        p.onProgress("b2", "Waiting", null);
        p.onProgress("a1", "Pull complete", null);
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("a1: Downloading [=>  ]\r\nb2: Waiting\r\n"), s);
        // Two lines up to a1's line, clear it, rewrite, two lines back down.
        assertTrue(s.endsWith("\u001b[2A\r\u001b[2Ka1: Pull complete\r\u001b[2B"), s);
    }
}
