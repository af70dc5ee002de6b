package io.dockerdebug.debug;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecErrorLinesTest {
    private static String through(String... frames) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ExecErrorLines lines = new ExecErrorLines(sink);
        for (String f : frames) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            lines.write(b, 0, b.length);
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void podmansTwoRawLinesBecomeOne() throws IOException {
        assertEquals("docker-debug: exec: \"nope\": executable file not found in $PATH\n", through(
                "Error: runc: exec failed: unable to start container process: exec: \"nope\": executable file not found"
                        + " in $PATH: OCI runtime attempted to invoke a command that was not found\n",
                "Error: read unixpacket @->/proc/self/fd/16/attach: read: connection reset by peer\n"));
    }

    @Test
    void theCommandsOwnErrorsPassUntouched() throws IOException {
        assertEquals("ls: x: No such file\nError: runc: exec failed: unable to start container process: exec: y\n",
                through("ls: x: No such file\n",
                        "Error: runc: exec failed: unable to start container process: exec: y\n"));
        assertEquals("Error: read unixpacket x: connection reset by peer\n",
                through("Error: read unixpacket x: connection reset by peer\n"));
    }
}
