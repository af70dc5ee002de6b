package io.dockerdebug.debug;

import java.nio.charset.StandardCharsets;

/** Keeps the last bytes a command wrote, to recognise the engine's "exec failed" message. */
final class OutputTail {
    private final byte[] ring;
    private long written;

    OutputTail(int size) {
        this.ring = new byte[size];
    }

    synchronized void add(byte[] buf, int off, int len) {
        for (int i = Math.max(off, off + len - ring.length); i < off + len; i++) {
            ring[(int) (written++ % ring.length)] = buf[i];
        }
    }

    synchronized String text() {
        int n = (int) Math.min(written, ring.length);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((written - n + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
