package io.dockerdebug;

import java.nio.charset.StandardCharsets;

/**
 * What a one-off command left: its exit code and its output, byte for byte (up to the limit
 * asked for). With a TTY, stderr arrives in {@code stdout}.
 *
 * @param exitCode  the command's exit code; 126 when it could not be executed, 127 when it
 *                  was not found, 128+n when a signal n ended it
 * @param stdout    the bytes it wrote to stdout
 * @param stderr    the bytes it wrote to stderr
 * @param truncated whether output beyond the limit was dropped
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {

    /**
     * stdout decoded as UTF-8.
     *
     * @return the text
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * stderr decoded as UTF-8.
     *
     * @return the text
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
