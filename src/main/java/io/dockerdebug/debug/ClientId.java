package io.dockerdebug.debug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who created a sidecar, stamped on it as the label {@link Labels#CLIENT}
 * ({@code BOOT-ID/PID-NAMESPACE/PID/tSTART-TICKS}), so that a later run on the same machine
 * can prove that the client is gone. The start time is the kernel's, in clock ticks after boot
 * (not a wall-clock time that a clock step would move). A client elsewhere (other machine,
 * container or boot) is never judged from here, nor is one whose process cannot be seen.
 *
 * <p>Reading it costs three small /proc reads and no engine call.
 */
public record ClientId(String bootId, String pidNamespace, long pid, long startTicks) {

    /** This process; when /proc cannot tell, a client that is never judged gone (null boot id). */
    public static ClientId current() {
        long pid = ProcessHandle.current().pid();
        OptionalLong start = LinuxProcesses.system().startTicks(pid);
        // A /proc of another pid namespace than ours (mounted from elsewhere) names other processes.
        boolean ownProc = Long.toString(pid).equals(link("/proc/self"));
        String boot = ownProc && start.isPresent() ? read("/proc/sys/kernel/random/boot_id") : null;
        String pidNs = link("/proc/self/ns/pid");
        return new ClientId(boot, pidNs == null ? null : pidNs.replaceAll("\\D", ""), pid, start.orElse(0));
    }

    public String label() {
        return bootId + "/" + pidNamespace + "/" + pid + "/t" + startTicks;
    }

    /** The client a label names, or empty when the label is missing or not in our format. */
    public static Optional<ClientId> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] f = label.split("/", -1);
        if (f.length != 4 || f[0].isEmpty() || f[1].isEmpty() || !f[3].startsWith("t")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClientId(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3].substring(1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Same machine, same boot, same pid namespace: its pid can be looked up from here. */
    public boolean isLocalTo(ClientId self) {
        return known(bootId) && bootId.equals(self.bootId) && known(pidNamespace)
                && pidNamespace.equals(self.pidNamespace) && pid > 0 && startTicks > 0;
    }

    private static boolean known(String s) {
        return s != null && !s.isEmpty() && !s.equals("null");
    }

    /**
     * True only when it is proven that this client no longer runs: it is local to {@code self},
     * and its pid runs a process that started at another time, or {@code kill(pid, 0)} answers
     * ESRCH. A pid that cannot be seen ({@code hidepid}, another user's) is not proof.
     */
    public boolean isGone(ClientId self, Processes processes) {
        if (!isLocalTo(self)) {
            return false;
        }
        OptionalLong start = processes.startTicks(pid);
        if (start.isPresent()) {
            return start.getAsLong() != startTicks;
        }
        return processes.provenAbsent(pid);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String link(String file) {
        try {
            return Files.readSymbolicLink(Path.of(file)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
