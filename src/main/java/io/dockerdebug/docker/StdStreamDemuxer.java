package io.dockerdebug.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits the engine's multiplexed stream (non-TTY exec/attach): frames of an 8-byte header
 * [stream, 0, 0, 0, size as 4 bytes big-endian] and then size bytes of payload.
 * Stream 1 is stdout, 2 stderr; 0 (stdin echo) goes to stdout as the docker CLI does.
 */
public final class StdStreamDemuxer {
    private StdStreamDemuxer() {
    }

    /** Copies frames until the stream ends; returns the number of payload bytes copied. */
    public static long copy(InputStream in, OutputStream out, OutputStream err) throws IOException {
        byte[] header = new byte[8];
        byte[] buf = new byte[32 * 1024];
        long total = 0;
        while (true) {
            int n = in.readNBytes(header, 0, 8);
            if (n == 0) {
                return total;
            }
            if (n < 8) {
                throw new EOFException("stream ended inside a frame header");
            }
            OutputStream target = switch (header[0]) {
                case 0, 1 -> out;
                case 2 -> err;
                default -> throw new IOException("unknown stream id " + header[0] + " in multiplexed stream");
            };
            long size = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFF) << 16)
                    | ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
            while (size > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, size));
                if (r < 0) {
                    throw new EOFException("stream ended inside a frame");
                }
                target.write(buf, 0, r);
                size -= r;
                total += r;
            }
            target.flush();
        }
    }
}
