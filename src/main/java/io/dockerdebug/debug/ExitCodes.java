package io.dockerdebug.debug;

import java.util.Locale;

/**
 * The exit codes docker-debug reports, as the docker CLI does: 125 for our own failures and the
 * engine's, 126 when the command cannot be executed, 127 when it is not found, else the command's
 * own code; a command ended by signal N is 128 + N, as a shell reports it. Which one a session
 * ends with is {@link ExitPolicy}'s decision.
 */
public final class ExitCodes {
    /** docker-debug's or the engine's own error, as {@code docker run} reports it. */
    public static final int ENGINE_ERROR = 125;
    /** The command was found but cannot be executed. */
    public static final int NOT_EXECUTABLE = 126;
    /** The command was not found. */
    public static final int NOT_FOUND = 127;
    /** A process ended by signal N exits with this plus N. */
    public static final int SIGNAL_BASE = 128;
    /** Killed (SIGKILL): what the end of the target's pid namespace does to our command. */
    public static final int KILLED = SIGNAL_BASE + 9;
    /** What a shell reports for a writer whose reader went away (SIGPIPE). */
    public static final int CLOSED_PIPE = SIGNAL_BASE + 13;

    private ExitCodes() {
    }

    /** Whether {@code code} is that of a process ended by a signal. */
    static boolean bySignal(int code) {
        return code > SIGNAL_BASE;
    }

    /**
     * The code of an exec as the engine recorded it: none is our failure; the engine reports 126
     * for any exec that failed to start, and a missing command is 127, as {@code docker run}
     * reports it, told by the engine's words at the end of the output.
     */
    static int ofExec(Integer engineCode, String outputTail) {
        if (engineCode == null) {
            return ENGINE_ERROR;
        }
        if (engineCode == NOT_EXECUTABLE && isNotFound(outputTail)) {
            return NOT_FOUND;
        }
        return engineCode;
    }

    static boolean isNotFound(String tail) {
        String t = tail.toLowerCase(Locale.ROOT);
        return t.contains("executable file not found") || t.contains("no such file or directory");
    }
}
