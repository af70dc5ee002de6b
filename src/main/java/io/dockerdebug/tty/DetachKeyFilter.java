package io.dockerdebug.tty;

import java.io.ByteArrayOutputStream;

/**
 * Watches typed bytes for the detach sequence. Bytes that could start the sequence are held
 * back until it is either completed (detach) or broken (the held bytes are passed on).
 */
public final class DetachKeyFilter {
    private final byte[] sequence;
    private int matched;

    public DetachKeyFilter(DetachKeys keys) {
        this.sequence = keys.sequence();
    }

    /** Result of filtering one chunk: the bytes to forward, and whether the sequence completed. */
    public record Result(byte[] forward, boolean detach) {
    }

    public Result filter(byte[] buf, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + sequence.length);
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b == sequence[matched]) {
                matched++;
                if (matched == sequence.length) {
                    matched = 0;
                    return new Result(out.toByteArray(), true);
                }
                continue;
            }
            // Broken sequence: release what was held, then look at this byte afresh.
            out.write(sequence, 0, matched);
            matched = 0;
            if (b == sequence[0]) {
                matched = 1;
                if (sequence.length == 1) {
                    return new Result(out.toByteArray(), true);
                }
            } else {
                out.write(b);
            }
        }
        return new Result(out.toByteArray(), false);
    }
}
