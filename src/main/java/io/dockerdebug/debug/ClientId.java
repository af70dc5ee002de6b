package io.dockerdebug.debug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Who created a sidecar, stamped on it as the label {@link Labels#CLIENT}
 * ({@code BOOT-ID/PID-NAMESPACE/PID/START-MILLIS}), so that a later run on the same machine
 * can tell for sure that the client is gone: same boot and pid namespace, and no process with
 * that pid and start time. A client elsewhere (other machine, container or boot) is never
 * judged alive or dead from here.
 *
 * <p>Reading it costs two small /proc reads and no engine call.
 */
public record ClientId(String bootId, String pidNamespace, long pid, long startMillis) {

    /** This process; null fields when /proc cannot tell (then nothing is ever judged gone). */
    public static ClientId current() {
        ProcessHandle self = ProcessHandle.current();
        return new ClientId(read("/proc/sys/kernel/random/boot_id"), link("/proc/self/ns/pid"), self.pid(),
                startOf(self.pid()).orElse(0L));
    }

    public String label() {
        return bootId + "/" + pidNamespace + "/" + pid + "/" + startMillis;
    }

    /** The client a label names, or empty when the label is missing or not ours. */
    public static Optional<ClientId> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] f = label.split("/");
        if (f.length != 4 || f[0].isEmpty() || f[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClientId(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Same machine, same boot, same pid namespace: its pid can be looked up from here. */
    public boolean isLocalTo(ClientId self) {
        return bootId != null && !bootId.equals("null") && bootId.equals(self.bootId)
                && pidNamespace != null && !pidNamespace.equals("null") && pidNamespace.equals(self.pidNamespace);
    }

    /**
     * True only when this client is local to {@code self} and no process with its pid and start
     * time runs. {@code startOfPid} gives a pid's start time, empty when there is no such process.
     */
    public boolean isGone(ClientId self, LongFunction<Optional<Long>> startOfPid) {
        if (!isLocalTo(self)) {
            return false;
        }
        Optional<Long> start = startOfPid.apply(pid);
        return start.isEmpty() || start.get() != startMillis;
    }

    /** A process's start time in milliseconds since the epoch, empty when there is no such process. */
    public static Optional<Long> startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(i -> i.toEpochMilli());
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
            // "pid:[4026531836]": keep the inode number
            return Files.readSymbolicLink(Path.of(file)).toString().replaceAll("\\D", "");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
