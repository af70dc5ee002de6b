package io.dockerdebug.debug;

import java.util.OptionalLong;

/**
 * What this machine says about a pid of our own pid namespace: the two questions that can prove
 * a client gone. Anything that cannot be answered (a /proc mounted {@code hidepid}, a process of
 * another user, a kernel without {@code kill}) must come out as "not proven gone".
 */
interface Processes {
    /**
     * The pid's start time in clock ticks after boot (field 22 of {@code /proc/PID/stat}, which no
     * clock step changes); empty when it cannot be read: no such process, or one hidden from us.
     */
    OptionalLong startTicks(long pid);

    /** True only when {@code kill(pid, 0)} fails with ESRCH: there is no such process. */
    boolean provenAbsent(long pid);
}
