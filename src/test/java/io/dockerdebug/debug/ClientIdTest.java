package io.dockerdebug.debug;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientIdTest {

    @Test
    void theClientLabelRoundTripsAndNamesThisProcess() {
        ClientId self = ClientId.current();
        assertEquals(Optional.of(self), ClientId.parse(self.label()));
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(self.isLocalTo(self), "this machine's /proc tells: " + self.label());
        assertFalse(self.isGone(self, LinuxProcesses.system()), "this process runs: " + self.label());
        ClientId reused = new ClientId(self.bootId(), self.pidNamespace(), self.pid(), self.startTicks() - 1);
        assertTrue(reused.isGone(self, LinuxProcesses.system()), "same pid, other start: a reused pid");
        assertFalse(ClientId.parse(null).isPresent());
        assertFalse(ClientId.parse("a/b/c").isPresent());
        assertFalse(ClientId.parse("a/b/1/1700000000000").isPresent(), "the former format");
    }

    /** The start time is the kernel's (clock ticks after boot), the same however often it is read. */
    @Test
    void theStartTimeIsInClockTicksFromStat() throws IOException {
        long pid = ProcessHandle.current().pid();
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String ticks = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        assertEquals(OptionalLong.of(Long.parseLong(ticks)), LinuxProcesses.system().startTicks(pid));
        assertEquals(Long.parseLong(ticks), ClientId.current().startTicks());
    }

    /** A /proc of our own making: a command with blanks and ')' and a pid that is hidden (no entry). */
    @Test
    void statLinesAreReadFromTheProcDirectory(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/stat"),
                "42 (a b) c)) S 1 42 42 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 123456 1000 10 18446744073709551615\n");
        LinuxProcesses processes = new LinuxProcesses(proc);
        assertEquals(OptionalLong.of(123456), processes.startTicks(42));
        assertEquals(OptionalLong.empty(), processes.startTicks(43), "no entry: hidden or gone, not told");
        Files.createDirectories(proc.resolve("44"));
        Files.writeString(proc.resolve("44/stat"), "44 (truncated) S 1");
        assertEquals(OptionalLong.empty(), processes.startTicks(44));
    }

    /**
     * A live process whose /proc entry cannot be read (hidepid, another user's) is alive; only
     * ESRCH from kill(pid, 0) proves a pid gone. The kill is the kernel's, on real pids.
     */
    @Test
    void anInvisiblePidIsGoneOnlyWhenKillSaysSo(@TempDir Path emptyProc) throws Exception {
        ClientId self = ClientId.current();
        LinuxProcesses blind = new LinuxProcesses(emptyProc);
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            ClientId client = new ClientId(self.bootId(), self.pidNamespace(), live.pid(), 1);
            assertFalse(blind.provenAbsent(live.pid()));
            assertFalse(client.isGone(self, blind), "a running process that /proc does not show");
        } finally {
            live.destroy();
            live.waitFor();
        }
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        ClientId client = new ClientId(self.bootId(), self.pidNamespace(), ended.pid(), 1);
        assertTrue(blind.provenAbsent(ended.pid()), "kill(pid, 0) says ESRCH for a reaped pid");
        assertTrue(client.isGone(self, blind));
    }
}
