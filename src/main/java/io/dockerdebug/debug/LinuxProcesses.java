package io.dockerdebug.debug;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@link Processes} from a /proc directory and the kernel's {@code kill(pid, 0)} (through the
 * FFM API, loaded only when a pid's /proc entry cannot be read).
 */
final class LinuxProcesses implements Processes {
    private static final int ESRCH = 3;

    private final Path proc;

    LinuxProcesses(Path proc) {
        this.proc = proc;
    }

    static LinuxProcesses system() {
        return new LinuxProcesses(Path.of("/proc"));
    }

    @Override
    public OptionalLong startTicks(long pid) {
        try {
            return startTicksOf(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Field 22 of a stat line; the command (field 2) is in parentheses and may hold blanks and ')'. */
    static OptionalLong startTicksOf(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).strip().split(" ");
        // f[0] is field 3 (state): field 22 is f[19]
        if (f.length < 20) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean provenAbsent(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        try {
            return Kill.errno((int) pid) == ESRCH;
        } catch (Throwable e) {
            // no native access (or no libc kill): nothing is proven
            return false;
        }
    }

    /** {@code kill(pid, 0)} and its errno (0 when it succeeded). */
    private static final class Kill {
        private static final StructLayout STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                Linker.Option.captureCallState("errno"));

        static int errno(int pid) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(STATE);
                int result = (int) KILL.invokeExact(state, pid, 0);
                return result == 0 ? 0 : (int) ERRNO.get(state, 0L);
            }
        }
    }
}
