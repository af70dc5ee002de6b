package io.dockerdebug.debug;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exec's stderr, where Podman writes its own failure to start the command raw, as two
 * lines ("Error: runc: exec failed: unable to start container process: exec: \"x\": executable
 * file not found in $PATH: OCI runtime attempted ..." and "Error: read unixpacket ...: connection
 * reset by peer"). Until the command has written anything, such frames become one line of ours;
 * everything else passes untouched.
 */
final class ExecErrorLines extends FilterOutputStream {
    private static final Pattern START_FAILED = Pattern.compile(
            "Error: (?:runc|crun)?:? ?(?:exec failed: )?unable to start container process: (exec: .*?)(?:: OCI .*)?\\n?",
            Pattern.DOTALL);
    private static final Pattern ATTACH_RESET = Pattern.compile("Error: read unixpacket .*connection reset by peer\\n?",
            Pattern.DOTALL);
    private boolean failed;
    private boolean passing;

    ExecErrorLines(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!passing) {
            String frame = new String(b, off, len, StandardCharsets.UTF_8);
            Matcher m = START_FAILED.matcher(frame);
            if (m.matches()) {
                failed = true;
                out.write(("docker-debug: " + m.group(1) + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (failed && ATTACH_RESET.matcher(frame).matches()) {
                return;
            }
            passing = true;
        }
        out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
