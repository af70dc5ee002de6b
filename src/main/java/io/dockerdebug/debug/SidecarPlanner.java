package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.tty.DetachKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure planning: from a request and the target's inspect result to the sidecar container and
 * the command to exec in it. Refuses targets that cannot be debugged, before anything is created.
 * What runs in the sidecar's shell is a {@link SidecarScript}; the plan only picks one and its arguments.
 */
public final class SidecarPlanner {

    /** What Podman answers when the target is in a pod and the sidecar names it in a "container:" mode. */
    static final String IN_A_POD = "cannot depend on containers in pods";
    /** What Podman answers for a private IPC namespace that its inspect calls "shareable". */
    static final String NOT_SHAREABLE_IPC = "non-shareable IPC";

    /** Reading another user's /proc/PID/root is a ptrace access check (a target run with --user). */
    static final String PTRACE = "SYS_PTRACE";

    private SidecarPlanner() {
    }

    /** Checks what can be checked without an engine, so bad input fails before any call. */
    public static void validate(DebugRequest request) {
        SidecarOptions sidecar = request.sidecar();
        String mountDir = sidecar.mountDir();
        if (!mountDir.isEmpty() && !mountDir.startsWith("/")) {
            throw new InvalidOptionsException("invalid --mount-dir \"" + mountDir + "\": must be an absolute path");
        }
        sidecar.volumes().forEach(VolumeSpec::parse);
        CommandOptions command = request.command();
        if (command.user() != null) {
            UserSpec.validate(command.user());
        }
        try {
            DetachKeys.parse(command.detachKeys());
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
        if (sidecar.image() == null || sidecar.image().isBlank()) {
            throw new InvalidOptionsException("invalid --image \"\": name a toolbox image");
        }
    }

    public static SidecarPlan plan(DebugRequest request, ContainerDetails target) {
        validate(request);
        if (notRunning(target)) {
            return planFiles(request, target);
        }
        checkTarget(request.target(), target);
        SidecarOptions sidecar = request.sidecar();
        String mountDir = trimSlash(sidecar.mountDir());
        List<String> notes = new ArrayList<>();
        List<String> binds = new ArrayList<>();
        boolean linkRoot = false;
        if (!mountDir.isEmpty() && !request.chroot()) {
            if (target.mergedDir() != null && !target.hasTmpfs()) {
                binds.add(target.mergedDir() + ":" + mountDir + (target.readOnlyRoot() ? ":ro" : ""));
                for (ContainerDetails.Mount m : target.mounts()) {
                    if (m.source() != null && !m.source().isEmpty() && m.destination() != null) {
                        binds.add(m.source() + ":" + mountDir + m.destination() + (m.readWrite() ? "" : ":ro"));
                    }
                }
            } else {
                linkRoot = true;
            }
        }
        for (String v : sidecar.volumes()) {
            binds.add(VolumeSpec.parse(v).toBind());
        }
        String id = target.id();
        ContainerSpec container = new ContainerSpec(
                sidecar.image(),
                SidecarScript.KEEPER.argv(),
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, id),
                binds,
                "container:" + id,
                "container:" + id,
                ipcMode(sidecar.requireIpc(), target, notes),
                sidecar.privileged(),
                linkRoot || request.chroot() ? withPtrace(sidecar.capAdd()) : sidecar.capAdd(),
                sidecar.securityOpt(),
                true,
                true);
        ExecSpec exec = request.chroot() ? chrootExec(request.command(), target)
                : exec(request.command(), target, mountDir, linkRoot);
        return new SidecarPlan(container, exec, notes);
    }

    private static ExecSpec exec(CommandOptions command, ContainerDetails target, String mountDir, boolean linkRoot) {
        List<String> cmd;
        if (!command.command().isEmpty()) {
            cmd = command.command();
        } else if (command.shell() != null) {
            cmd = List.of("/bin/sh", "-c", command.shell());
        } else {
            cmd = SidecarScript.LOGIN_SHELL.argv();
        }
        String workdir = command.workdir() != null && !command.workdir().isEmpty() ? command.workdir() : null;
        if (linkRoot) {
            // The link is made by the exec itself, so the default workdir can only be entered after it.
            List<String> wrapped = SidecarScript.LINK_ROOT.argv("docker-debug",
                    mountDir, targetPidInSidecar(target), workdir == null ? mountDir : "");
            wrapped.addAll(cmd);
            cmd = wrapped;
        } else if (workdir == null && !mountDir.isEmpty()) {
            workdir = mountDir;
        }
        List<String> env = new ArrayList<>(command.env());
        return new ExecSpec(withTermCheck(command, cmd), command.tty(), command.user(), workdir, env);
    }

    /** States whose target is debugged through its files: nothing runs, nothing is about to. */
    /** The status of a target that is an image. */
    public static final String IMAGE = "image";
    static final java.util.Set<String> STOPPED = java.util.Set.of("exited", "created", "dead", IMAGE);

    /**
     * A target that does not run (a stopped container, or an image): its overlay layers are
     * mounted at the mount dir inside the sidecar by {@link SidecarScript#MOUNT_LAYERS}: a container's own
     * writable layer on top (so that changes reach it), an image's on a tmpfs of the sidecar
     * (thrown away with it). Mounting needs CAP_SYS_ADMIN (added; where AppArmor
     * confines containers, --security-opt apparmor=unconfined too). It has its own namespaces: no processes, its own network.
     */
    public static boolean notRunning(ContainerDetails target) {
        return !target.running() && !target.paused() && !target.restarting() && STOPPED.contains(target.status());
    }

    private static SidecarPlan planFiles(DebugRequest request, ContainerDetails target) {
        String name = target.name() != null ? target.name() : request.target();
        String what = IMAGE.equals(target.status()) ? "image " + name : "container " + name + " is not running ("
                + target.status() + ") and";
        if (request.chroot()) {
            throw new InvalidOptionsException("--chroot needs a running target; " + name + " is " + target.status()
                    + " (its files are under the mount dir, and chroot DIR runs a command inside them)");
        }
        if (target.layers() == null) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, what + " cannot be debugged through its files: "
                    + "that needs the engine's overlay2 storage driver" + (IMAGE.equals(target.status()) ? ""
                    : "; start it, or copy files with docker cp"));
        }
        SidecarOptions sidecar = request.sidecar();
        CommandOptions command = request.command();
        String mountDir = trimSlash(sidecar.mountDir());
        if (mountDir.isEmpty()) {
            mountDir = SidecarOptions.DEFAULT_MOUNT_DIR;
        }
        ContainerDetails.Layers layers = target.layers();
        List<String> binds = layerBinds(layers);
        List<String> volumeArgs = new ArrayList<>();
        int n = 0;
        for (ContainerDetails.Mount m : target.mounts()) {
            // The engine's own /etc/hosts and friends are written anew at the next start.
            if (m.source() != null && !m.source().isEmpty() && m.destination() != null && !"engine".equals(m.type())) {
                binds.add(m.source() + ":/.docker-debug-volumes/" + n + (m.readWrite() ? "" : ":ro"));
                volumeArgs.add(Integer.toString(n));
                volumeArgs.add(m.destination());
                n++;
            }
        }
        for (String v : sidecar.volumes()) {
            binds.add(VolumeSpec.parse(v).toBind());
        }
        ContainerSpec container = new ContainerSpec(sidecar.image(), SidecarScript.KEEPER.argv(),
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, target.id()), binds, null, null, null,
                sidecar.privileged(), withCap(sidecar.capAdd(), SYS_ADMIN), sidecar.securityOpt(), true, true);
        List<String> cmd = SidecarScript.MOUNT_LAYERS.argv("docker-debug",
                mountDir, layers.lowerDirs(), layers.upperDir() == null ? "" : layers.upperDir(),
                layers.workDir() == null ? "" : layers.workDir(), command.workdir() == null ? "" : command.workdir(),
                Integer.toString(n));
        cmd.addAll(volumeArgs);
        if (!command.command().isEmpty()) {
            cmd.addAll(command.command());
        } else if (command.shell() != null) {
            cmd.addAll(List.of("/bin/sh", "-c", command.shell()));
        } else {
            cmd.addAll(SidecarScript.LOGIN_SHELL.argv());
        }
        ExecSpec exec = new ExecSpec(withTermCheck(command, cmd), command.tty(), command.user(), null,
                new ArrayList<>(command.env()));
        return new SidecarPlan(container, exec, List.of());
    }

    /** The target's layers, bound where they are: lower ones read-only, its own writable one (if any) read-write. */
    private static List<String> layerBinds(ContainerDetails.Layers layers) {
        List<String> binds = new ArrayList<>();
        for (String lower : layers.lowerDirs().split(":")) {
            binds.add(lower + ":" + lower + ":ro");
        }
        if (layers.upperDir() != null) {
            // overlay wants upperdir and workdir on one mount: their common parent (the engine's layer dir).
            String parent = parent(layers.upperDir());
            if (parent.equals(parent(layers.workDir())) && !parent.equals("/")) {
                binds.add(parent + ":" + parent);
            } else {
                binds.add(layers.upperDir() + ":" + layers.upperDir());
                binds.add(layers.workDir() + ":" + layers.workDir());
            }
        }
        return binds;
    }

    private static String parent(String path) {
        String p = trimSlash(path);
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    /** What the user is told about a target that does not run, and how to run its command by hand. */
    public static String notRunningNote(ContainerDetails target, String mountDir) {
        String dir = trimSlash(mountDir).isEmpty() ? SidecarOptions.DEFAULT_MOUNT_DIR : trimSlash(mountDir);
        String name = target.name();
        String head = IMAGE.equals(target.status())
                ? "image " + name + ": its files are at " + dir + " on a throwaway layer (changes go with the sidecar)"
                : name + " is not running (" + target.status() + "): its files and volumes are at " + dir
                        + ", and changes there are the container's own";
        StringBuilder note = new StringBuilder(head).append("; no processes, and the network is the sidecar's own");
        List<String> command = target.layers() == null ? List.of() : target.layers().command();
        if (!command.isEmpty()) {
            note.append("; its command, by hand: chroot ").append(dir);
            for (String a : command) {
                note.append(' ').append(shellQuote(a));
            }
        }
        return note.toString();
    }

    private static String shellQuote(String a) {
        return !a.isEmpty() && a.matches("[A-Za-z0-9_./=:,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }

    /**
     * A session under {@link SidecarScript#CHROOT}: the command, a string for sh or the shell, all
     * looked up inside the target's root.
     */
    private static ExecSpec chrootExec(CommandOptions command, ContainerDetails target) {
        List<String> cmd = SidecarScript.CHROOT.argv("docker-debug",
                targetPidInSidecar(target), command.workdir() == null ? "" : command.workdir());
        if (!command.command().isEmpty()) {
            cmd.addAll(command.command());
        } else {
            cmd.addAll(List.of("sh", "-c", command.shell() != null ? command.shell()
                    : SidecarScript.CHROOT_SHELL.text()));
        }
        return new ExecSpec(withTermCheck(command, cmd), command.tty(), command.user(), null,
                new ArrayList<>(command.env()));
    }

    /** The command of a TTY session that passes on the user's TERM, run by {@link SidecarScript#TERM_CHECK}. */
    private static List<String> withTermCheck(CommandOptions command, List<String> cmd) {
        if (!command.tty() || command.env().stream().noneMatch(e -> e.startsWith("TERM="))) {
            return cmd;
        }
        List<String> wrapped = SidecarScript.TERM_CHECK.argv("docker-debug");
        wrapped.addAll(cmd);
        return wrapped;
    }

    /**
     * The target's process in the pid namespace the sidecar shares with it: a pid, or how
     * {@link SidecarScript#FIND_PID} finds it.
     */
    static String targetPidInSidecar(ContainerDetails target) {
        if ("host".equals(target.pidMode())) {
            return Integer.toString(target.pid());
        }
        return target.pidMode().startsWith("container:") ? "cgroup:" + target.id() : "1";
    }

    private static List<String> withPtrace(List<String> capAdd) {
        return withCap(capAdd, PTRACE);
    }

    private static List<String> withCap(List<String> capAdd, String cap) {
        if (capAdd.stream().anyMatch(c -> c.equalsIgnoreCase(cap) || c.equalsIgnoreCase("CAP_" + cap)
                || c.equalsIgnoreCase("ALL"))) {
            return capAdd;
        }
        List<String> caps = new ArrayList<>(capAdd);
        caps.add(cap);
        return caps;
    }

    /** Mounting a target's layers (overlay, bind) in the sidecar's own mount namespace. */
    static final String SYS_ADMIN = "SYS_ADMIN";

    /**
     * Another sidecar to try when the engine refused {@code spec} with {@code refusal}, or null.
     * A target in a Podman pod: its namespaces joined by path (the engine resolves
     * /proc/PID/ns on its own host), which also leaves the target free of a dependent container.
     * A private IPC namespace that the engine reported as shareable: not joined, unless --ipc.
     */
    public static ContainerSpec fallback(ContainerSpec spec, String refusal, ContainerDetails target,
                                         SidecarOptions sidecar, java.util.function.Consumer<String> notes) {
        String own = "container:" + target.id();
        if (refusal.contains(IN_A_POD) && target.pid() > 0 && own.equals(spec.pidMode())) {
            return spec.withNamespaces(byPath(spec.pidMode(), target, "pid"), byPath(spec.networkMode(), target, "net"),
                    byPath(spec.ipcMode(), target, "ipc"));
        }
        if (refusal.contains(NOT_SHAREABLE_IPC) && !sidecar.requireIpc() && spec.ipcMode() != null) {
            notes.accept("not joining IPC: the engine refused the IPC namespace of " + target.name()
                    + " (start it with --ipc shareable to share it)");
            return spec.withNamespaces(spec.pidMode(), spec.networkMode(), null);
        }
        return null;
    }

    /** A "container:" mode (the target's, or its pod's infra container's) as the target's own namespace by path. */
    private static String byPath(String mode, ContainerDetails target, String kind) {
        return mode != null && mode.startsWith("container:") ? "ns:/proc/" + target.pid() + "/ns/" + kind : mode;
    }

    private static String ipcMode(boolean requireIpc, ContainerDetails target, List<String> notes) {
        String ipc = target.ipcMode();
        if (ipc.equals("shareable")) {
            return "container:" + target.id();
        }
        if (ipc.equals("host") || ipc.startsWith("container:")) {
            // Join what the target itself joined: a container's IPC can only be joined when shareable.
            return ipc;
        }
        String why = "the IPC namespace of " + target.name() + ": it is " + (ipc.isEmpty() ? "private" : ipc)
                + " (start the target with --ipc shareable to share it)";
        if (requireIpc) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot join " + why);
        }
        notes.add("not joining " + why);
        return null;
    }

    private static void checkTarget(String asked, ContainerDetails target) {
        String name = target.name() != null ? target.name() : asked;
        if ("true".equals(target.labels().get(Labels.SIDECAR))) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                    "container " + name + " is itself a docker-debug sidecar: debug its target instead");
        }
        if (target.paused()) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "container " + name + " is paused, unpause it first");
        }
        if (target.restarting()) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                    "container " + name + " is restarting, wait until it is running");
        }
        if (!target.running()) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "container " + name + " is not running (status: "
                    + target.status() + ")");
        }
    }

    private static String trimSlash(String dir) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }
}
