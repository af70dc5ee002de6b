package io.dockerdebug.docker;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an endless stream of JSON messages (events, pull progress) that refuses a message
 * longer than {@link AnswerLimits#MESSAGE_BYTES}: the reader calls {@link #nextMessage} after each,
 * and a read that would take more bytes than that since then fails. (The JSON parser reads ahead
 * by its buffer, a few KiB: the bound is that much looser, never unbounded.)
 */
final class MessageBudget extends FilterInputStream {
    private long sinceLast;

    MessageBudget(InputStream in) {
        super(in);
    }

    /** A whole message was read: the next one gets the whole budget. */
    void nextMessage() {
        sinceLast = 0;
    }

    @Override
    public int read() throws IOException {
        check(1);
        int b = in.read();
        if (b >= 0) {
            sinceLast++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check(len);
        int n = in.read(b, off, (int) Math.min(len, AnswerLimits.MESSAGE_BYTES - sinceLast + 1));
        if (n > 0) {
            sinceLast += n;
        }
        return n;
    }

    private void check(int wanted) throws EngineHttp.BadAnswer {
        if (wanted > 0 && sinceLast > AnswerLimits.MESSAGE_BYTES) {
            throw new EngineHttp.BadAnswer("a stream message longer than " + AnswerLimits.size(AnswerLimits.MESSAGE_BYTES));
        }
    }
}
