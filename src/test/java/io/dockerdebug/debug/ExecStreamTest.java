package io.dockerdebug.debug;

import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.CommandOptions;
import io.dockerdebug.tty.DetachKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream every session is driven by: both directions, detach, half-close, how it ends. */
class ExecStreamTest {

    /** An exec's connection: output the test writes, input the test reads, and whether it was half-closed. */
    static final class Conn implements RawConnection {
        final PipedOutputStream remoteOut = new PipedOutputStream();
        final PipedInputStream output;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CountDownLatch halfClosed = new CountDownLatch(1);
        volatile boolean closed;

        Conn() throws IOException {
            output = new PipedInputStream(remoteOut, 64 * 1024);
        }

        @Override
        public InputStream input() {
            return output;
        }

        @Override
        public OutputStream output() {
            return received;
        }

        @Override
        public void closeWrite() {
            halfClosed.countDown();
        }

        @Override
        public void close() {
            closed = true;
            try {
                remoteOut.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutATtyInputIsHalfClosedAtItsEndAndOutputStillArrivesApart() throws Exception {
        Conn conn = new Conn();
        ExecStream stream = new ExecStream(conn, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        stream.startOutput(out, err);
        stream.startInput(text("a\nb\n"), null, true).join(30_000);

        assertTrue(conn.halfClosed.await(30, TimeUnit.SECONDS), "stdin half-closed at the input's end");
        assertEquals("a\nb\n", conn.received.toString(StandardCharsets.UTF_8));
        assertFalse(stream.ended().isDone(), "the output decides the end, not the input");
        conn.remoteOut.write(DebugServiceTest.frame(1, "out\n"));
        conn.remoteOut.write(DebugServiceTest.frame(2, "exec: \"x\": executable file not found\n"));
        conn.remoteOut.close();

        assertEquals(ExecStream.End.FINISHED, stream.ended().get(30, TimeUnit.SECONDS).end());
        assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("exec:"), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.NOT_FOUND, ExitCodes.ofExec(ExitCodes.NOT_EXECUTABLE, stream.tail()),
                "the tail shows the engine's words: " + stream.tail());
    }

    @Test
    void theDetachKeysEndTheStreamAndAreNotSent() throws Exception {
        Conn conn = new Conn();
        ExecStream stream = new ExecStream(conn, true);
        stream.startOutput(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        stream.startInput(text("ls\n\u0010\u0011after"), DetachKeys.parse(CommandOptions.DEFAULT_DETACH_KEYS), false);

        assertEquals(ExecStream.End.DETACHED, stream.ended().get(30, TimeUnit.SECONDS).end());
        assertEquals("ls\n", conn.received.toString(StandardCharsets.UTF_8));
        assertEquals(1, conn.halfClosed.getCount(), "a detach leaves the command's input open");
    }

    @Test
    void aTerminalsEndOfInputDoesNotCloseTheCommandsInput() throws Exception {
        Conn conn = new Conn();
        ExecStream stream = new ExecStream(conn, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.startOutput(out, OutputStream.nullOutputStream());
        stream.startInput(text("x"), DetachKeys.parse(CommandOptions.DEFAULT_DETACH_KEYS), false).join(30_000);
        conn.remoteOut.write("raw\r\n".getBytes(StandardCharsets.UTF_8));
        conn.remoteOut.close();

        assertEquals(ExecStream.End.FINISHED, stream.ended().get(30, TimeUnit.SECONDS).end());
        assertEquals("raw\r\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, conn.halfClosed.getCount(), "with a TTY the engine would end the output at once");
    }

    @Test
    void aLocalOutputThatStopsTakingBytesEndsTheStreamAsAClosedPipe() throws Exception {
        Conn conn = new Conn();
        ExecStream stream = new ExecStream(conn, false);
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        stream.startOutput(closed, closed);
        conn.remoteOut.write(DebugServiceTest.frame(1, "line\n"));

        assertEquals(ExecStream.End.LOCAL_OUTPUT_CLOSED, stream.ended().get(30, TimeUnit.SECONDS).end());
    }

    @Test
    void aConnectionThatBreaksIsSaidApartFromAnEnd() throws Exception {
        RawConnection broken = new RawConnection() {
            @Override
            public InputStream input() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Connection reset by peer");
                    }
                };
            }

            @Override
            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void closeWrite() {
            }

            @Override
            public void close() {
            }
        };
        ExecStream.Outcome o = new ExecStream(broken, true).copyOutput(OutputStream.nullOutputStream(), null);

        assertEquals(ExecStream.End.BROKEN, o.end());
        assertEquals("Connection reset by peer", o.cause().getMessage());
    }
}
