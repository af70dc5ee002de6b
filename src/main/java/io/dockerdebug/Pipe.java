package io.dockerdebug;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded buffer between the session's output thread (writer) and the caller (reader). The
 * writer waits while it is full, so output flows no faster than it is read; closing the reading
 * end drops what comes after (the writer never blocks on a reader that left).
 */
final class Pipe {
    private final byte[] ring;
    private int start;
    private int size;
    private boolean writerClosed;
    private boolean readerClosed;

    Pipe(int capacity) {
        this.ring = new byte[capacity];
    }

    final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }

        @Override
        public void close() {
            closeWriter();
        }
    };

    final InputStream source = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return take(b, off, len);
        }

        @Override
        public synchronized int available() {
            return Pipe.this.available();
        }

        @Override
        public void close() {
            closeReader();
        }
    };

    private synchronized void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            while (size == ring.length && !readerClosed) {
                await();
            }
            if (readerClosed) {
                return;
            }
            int n = Math.min(len, ring.length - size);
            for (int i = 0; i < n; i++) {
                ring[(start + size + i) % ring.length] = b[off + i];
            }
            size += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (size == 0 && !writerClosed && !readerClosed) {
            await();
        }
        if (size == 0) {
            return -1;
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
            b[off + i] = ring[(start + i) % ring.length];
        }
        start = (start + n) % ring.length;
        size -= n;
        notifyAll();
        return n;
    }

    private synchronized int available() {
        return size;
    }

    synchronized void closeWriter() {
        writerClosed = true;
        notifyAll();
    }

    private synchronized void closeReader() {
        readerClosed = true;
        size = 0;
        notifyAll();
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
