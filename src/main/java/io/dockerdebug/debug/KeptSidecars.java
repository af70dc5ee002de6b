package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Sidecars left running by {@code --keep}. A kept sidecar holds no attach of ours (the client
 * is gone between sessions), so its main process just waits; it still goes away with its target,
 * since it lives in the target's pid namespace: when that namespace's init exits, the kernel
 * kills every process in it, the sidecar exits and the engine removes it (AutoRemove).
 */
final class KeptSidecars {
    private KeptSidecars() {
    }

    /** The container to create for a kept sidecar: the planned one, waiting, labelled with its config hash. */
    static ContainerSpec spec(ContainerSpec planned) {
        Map<String, String> labels = new HashMap<>(planned.labels());
        labels.put(Labels.KEEP, "true");
        labels.put(Labels.CONFIG, configHash(planned));
        return new ContainerSpec(planned.image(), SidecarScript.WAITER.argv(), labels, planned.binds(), planned.pidMode(),
                planned.networkMode(), planned.ipcMode(), planned.privileged(), planned.capAdd(),
                planned.securityOpt(), false, true, planned.name());
    }

    /** Every kept sidecar, of any target: {@link #reuseFilter} picks among them. */
    static ContainerFilter all() {
        return ContainerFilter.labels(Map.of(Labels.KEEP, "true"));
    }

    /** Labels that find a reusable sidecar for this planned container. */
    static ContainerFilter reuseFilter(ContainerSpec planned) {
        return ContainerFilter.labels(Map.of(Labels.KEEP, "true",
                Labels.TARGET, planned.labels().get(Labels.TARGET),
                Labels.CONFIG, configHash(planned)));
    }

    /** Everything the sidecar container is made of; what runs in it (command, user, TTY) is per session. */
    static String configHash(ContainerSpec c) {
        String canonical = String.join("\n",
                "image=" + c.image(),
                "target=" + c.labels().get(Labels.TARGET),
                "binds=" + String.join("\u0000", c.binds()),
                "pid=" + c.pidMode(),
                "network=" + c.networkMode(),
                "ipc=" + c.ipcMode(),
                "privileged=" + c.privileged(),
                "cap-add=" + String.join("\u0000", c.capAdd()),
                "security-opt=" + String.join("\u0000", c.securityOpt()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
