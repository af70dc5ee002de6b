package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;

import java.util.List;
import java.util.Map;

/** Inspect results for planning tests. */
final class Targets {
    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private Targets() {
    }

    static ContainerDetails running(String mergedDir, String ipcMode, List<ContainerDetails.Mount> mounts) {
        return new ContainerDetails(ID, "web", "running", true, false, false, 4242, "", ipcMode, mergedDir,
                mounts, Map.of());
    }

    static ContainerDetails running() {
        return running("/var/lib/docker/overlay2/abc/merged", "private", List.of());
    }

    static ContainerDetails withState(String status, boolean running, boolean paused, boolean restarting) {
        return new ContainerDetails(ID, "web", status, running, paused, restarting, 0, "", "private", null,
                List.of(), Map.of());
    }

    static DebugRequest request() {
        return new DebugRequest("web", "toolbox", List.of(), null, List.of(), null, null,
                DebugRequest.DEFAULT_MOUNT_DIR, false, List.of(), List.of(), false, PullPolicy.MISSING, false,
                "ctrl-p,ctrl-q", List.of());
    }

    static DebugRequest withCommand(List<String> command) {
        DebugRequest r = request();
        return new DebugRequest(r.target(), r.image(), command, null, r.volumes(), r.user(), r.workdir(), r.mountDir(),
                r.privileged(), r.capAdd(), r.securityOpt(), r.requireIpc(), r.pull(), r.tty(), r.detachKeys(), r.env());
    }

    static DebugRequest with(String mountDir, List<String> volumes, String user, String workdir, boolean requireIpc,
                             String detachKeys) {
        DebugRequest r = request();
        return new DebugRequest(r.target(), r.image(), r.command(), null, volumes, user, workdir, mountDir,
                r.privileged(), r.capAdd(), r.securityOpt(), requireIpc, r.pull(), r.tty(), detachKeys, r.env());
    }
}
