package io.dockerdebug.debug;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;
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
        return new DebugRequest("web", SidecarOptions.builder().image("toolbox").mountDir(SidecarOptions.DEFAULT_MOUNT_DIR)
                .build(), CommandOptions.builder().build());
    }

    static DebugRequest withCommand(List<String> command) {
        DebugRequest r = request();
        return new DebugRequest(r.target(), r.sidecar(), r.command().toBuilder().command(command).build());
    }

    static DebugRequest with(String mountDir, List<String> volumes, String user, String workdir, boolean requireIpc,
                             String detachKeys) {
        DebugRequest r = request();
        SidecarOptions.Builder sidecar = r.sidecar().toBuilder().mountDir(mountDir).requireIpc(requireIpc);
        volumes.forEach(sidecar::volume);
        return new DebugRequest(r.target(), sidecar.build(),
                r.command().toBuilder().user(user).workdir(workdir).detachKeys(detachKeys).build());
    }

    /** {@code r} with other sidecar options. */
    static DebugRequest with(DebugRequest r, java.util.function.UnaryOperator<SidecarOptions.Builder> sidecar) {
        return new DebugRequest(r.target(), sidecar.apply(r.sidecar().toBuilder()).build(), r.command());
    }

    /** {@code r} with {@code --keep}. */
    static DebugRequest kept(DebugRequest r) {
        return with(r, s -> s.keep(true));
    }

    /** {@code r} with {@code --chroot}. */
    static DebugRequest chroot(DebugRequest r) {
        return new DebugRequest(r.target(), r.sidecar(), r.command().toBuilder().chroot(true).build());
    }
}
