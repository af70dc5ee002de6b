package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StdStreamDemuxerTest {

    @Test
    void splitsFramesByStreamKeepingBinaryPayloads() throws IOException {
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(header(1, 3));
        wire.write(new byte[] {0, 1, 2});
        wire.write(header(2, 2));
        wire.write("e\n".getBytes());
        wire.write(header(1, big.length));
        wire.write(big);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        long n = StdStreamDemuxer.copy(new ByteArrayInputStream(wire.toByteArray()), out, err);

        assertEquals(3 + 2 + big.length, n);
        byte[] o = out.toByteArray();
        assertArrayEquals(new byte[] {0, 1, 2}, java.util.Arrays.copyOf(o, 3));
        assertArrayEquals(big, java.util.Arrays.copyOfRange(o, 3, o.length));
        assertEquals("e\n", err.toString());
    }

    @Test
    void aTruncatedFrameIsAnError() {
        byte[] wire = new byte[8 + 2];
        System.arraycopy(header(1, 5), 0, wire, 0, 8);
        assertThrows(EOFException.class, () -> StdStreamDemuxer.copy(new ByteArrayInputStream(wire),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    }

    private static byte[] header(int stream, int size) {
        return new byte[] {(byte) stream, 0, 0, 0, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
    }
}
