package io.dockerdebug.docker;

/**
 * How much of an engine's answer the client takes in before it refuses it: a real engine's
 * answers are far below each, a hostile or broken peer's endless one is cut off with one line
 * and its connection dropped. Streams are not capped as a whole (events and pull progress are
 * endless by design, a hijacked stream is a process's output) but each of their messages is.
 */
final class AnswerLimits {
    private AnswerLimits() {
    }

    /** The status line and headers, interim answers (100 Continue) included: an engine's are well under 1 KiB. */
    static final int HEAD_BYTES = 64 * 1024;
    /** Header lines of one answer: an engine sends about ten. */
    static final int HEADERS = 100;
    /**
     * The body of a call (JSON, an error): the largest real answer, the container list of a host
     * with thousands of containers, is a few MiB.
     */
    static final int BODY_BYTES = 16 * 1024 * 1024;
    /** One chunk of a chunked body: never more than the body of a call. */
    static final int CHUNK_BYTES = BODY_BYTES;
    /** One JSON message of the events or pull-progress stream: an event is about 1 KiB. */
    static final int MESSAGE_BYTES = 1024 * 1024;

    /** "16 MiB", "64 KiB": for messages. */
    static String size(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
