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
 */
public final class SidecarPlanner {

    /**
     * The sidecar's main process: it reads the stdin we hold until our connection ends, then
     * kills every other process of its own container (same cgroup), so that nothing an exec
     * started outlives it: Podman never removes a container that still has exec sessions, and
     * in a shared pid namespace the engine does not end them with the main process. Shell
     * builtins only (a toolbox need not have kill or cat); /proc/PID/cgroup is readable for any
     * user, so sessions run with --user are found too. The cgroup alone does not tell: rootless
     * Podman on cgroup v1 puts every container in one, target included; so the process must also
     * be in the sidecar's mount namespace (the target's never is; a chroot does not change it).
     */
    static final List<String> KEEPER = List.of("/bin/sh", "-c",
            "while read -r _; do :; done; "
            + "cg() { r=; while IFS= read -r l; do r=\"$r$l;\"; done <\"/proc/$1/cgroup\"; }; "
            + "cg $$; me=$r; "
            + "for d in /proc/[0-9]*; do p=${d#/proc/}; [ \"$p\" = $$ ] && continue; "
            + "cg \"$p\" 2>/dev/null && [ \"$r\" = \"$me\" ] && [ \"/proc/$p/ns/mnt\" -ef /proc/$$/ns/mnt ] "
            + "&& kill -9 \"$p\" 2>/dev/null; done; exit 0");

    /** What Podman answers when the target is in a pod and the sidecar names it in a "container:" mode. */
    static final String IN_A_POD = "cannot depend on containers in pods";
    /** What Podman answers for a private IPC namespace that its inspect calls "shareable". */
    static final String NOT_SHAREABLE_IPC = "non-shareable IPC";

    static final String LOGIN_SHELL =
            "if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec sh -l";

    /** Sets $pid to the target's process from its {@link #targetPidInSidecar} form (a "cgroup:ID" is looked up). */
    static final String FIND_PID = "case $pid in cgroup:*) id=${pid#cgroup:}; pid=; "
            + "for d in /proc/[0-9]*; do while IFS= read -r l; do case $l in *\"$id\"*) pid=${d#/proc/}; break 2;; esac; "
            + "done 2>/dev/null < \"$d/cgroup\"; done; "
            + "[ -n \"$pid\" ] || { echo \"docker-debug: no process of the target is visible in the pid namespace it joined\" >&2; exit 125; };; esac; ";

    /** Where a rooted session looks for the target's programs first (its own PATH is in its environment, which is not read). */
    static final String TARGET_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * A toolbox whose programs need a loader the target lacks: each program on the toolbox's PATH
     * gets a wrapper in a directory of the sidecar (never the target), reached from inside as
     * {@code /proc/$$/root/tmp/...}, that runs it through the toolbox's own loader with the
     * toolbox's library directories ({@code LOADER --library-path DIRS --argv0 NAME PROGRAM}).
     * A wrapper is a script whose interpreter is that loader running the toolbox's shell (by a
     * link named sh, which busybox reads as the applet). Links in the toolbox are followed in its
     * own root when the wrapper runs (inside the chroot an absolute link such as alpine's
     * /bin/ls -> /bin/busybox would name the target's file). Sets $w, $p (the wrappers'
     * directory for PATH) and $sh.
     */
    static final String VIA_LOADER = "l=; for f in /lib/ld-musl-*.so.1 /lib64/ld-linux-*.so.2 /lib/ld-linux*.so.*; do "
            + "[ -e \"$f\" ] && { l=$(readlink -f \"$f\"); break; }; done; "
            + "[ -n \"$l\" ] || fail \"the toolbox's programs need libraries the target lacks, and the toolbox has no loader "
            + "of its own (use a toolbox of static programs, such as busybox:musl)\"; "
            + "lp=; for d in /lib /usr/local/lib /usr/lib /lib64 /usr/lib64 /lib/*-linux-* /usr/lib/*-linux-*; do "
            + "[ -d \"$d\" ] && lp=$lp${lp:+:}$tb$d; done; "
            + "w=/tmp/.docker-debug-chroot-$$; rm -rf \"$w\"; mkdir -p \"$w/bin\" \"$w/i\" "
            + "|| fail \"cannot make the toolbox's wrappers in the sidecar's /tmp\"; "
            + "ln -s \"$tb$(readlink -f /bin/sh)\" \"$w/i/sh\" || fail \"the toolbox has no /bin/sh\"; "
            + "rl=$(readlink -f \"$(command -v readlink)\"); "
            + "case $tb$l$lp$w$rl in *[!A-Za-z0-9/._:+-]*) fail \"the toolbox's loader or libraries have unusual names\";; esac; "
            + "IFS=:; for d in $PATH; do unset IFS; case $d in /*) ;; *) continue;; esac; "
            + "case $d in *[!A-Za-z0-9/._+-]*) continue;; esac; for f in \"$d\"/*; do n=${f##*/}; "
            + "case $n in *[!A-Za-z0-9._+-]*) continue;; esac; "
            + "[ -f \"$f\" ] && [ -x \"$f\" ] && [ ! -e \"$w/bin/$n\" ] || continue; "
            + "printf '#!%s %s\\np=%s\\nwhile [ -L \"%s$p\" ]; do t=$(%s --argv0 readlink %s \"%s$p\") || break; "
            + "case $t in /*) p=$t;; *) p=${p%%/*}/$t;; esac; done\\nexec %s --library-path %s --argv0 %s \"%s$p\" \"$@\"\\n' "
            + "\"$tb$l\" \"$tb$w/i/sh\" \"$f\" \"$tb\" \"$tb$l\" \"$tb$rl\" \"$tb\" \"$tb$l\" \"$lp\" \"$n\" \"$tb\" >\"$w/bin/$n\"; "
            + "done; done; unset IFS; chmod 755 \"$w\"/bin/* 2>/dev/null; "
            + "sh=$tb$w/bin/sh; p=:$tb$w/bin; "
            + "chroot \"$t\" \"$sh\" -c : 2>/dev/null || fail \"the toolbox's programs do not run there, even through "
            + "its own loader (use a toolbox of static programs, such as busybox:musl)\"; ";

    /**
     * A rooted session ({@code --chroot}): the command runs under {@code chroot /proc/PID/root}, so
     * that {@code /} is the target's root. This shell stays outside as its parent: it keeps the
     * sidecar's root, so {@code /proc/$$/root} (seen through the target's own /proc, which shows
     * the shared pid namespace) is the toolbox from inside, and its PATH directories come after
     * the target's. Nothing is written into the target (no link, no history: HISTFILE and
     * LESSHISTFILE are /dev/null), so a read-only target works and {@code docker diff} stays as
     * it was. A toolbox of static programs (busybox:musl, ...) runs there as it is; one linked
     * against a loader the target lacks (alpine's and netshoot's musl) runs through
     * {@link #VIA_LOADER}. Arguments: the target's pid form, the working directory in the target
     * ("" for /), the command. Ctrl-C is caught (not ignored, which the command would inherit) so
     * that this parent waits.
     */
    static final String CHROOT = "pid=$1; cd=$2; shift 2; " + FIND_PID
            + "t=/proc/$pid/root; tb=/proc/$$/root; c=; w=; "
            + "while IFS= read -r l; do case $l in CapEff:*) c=${l#CapEff:};; esac; done </proc/$$/status; "
            + "c=${c#\"${c%%[!	 ]*}\"}; "
            + "fail() { [ -z \"$w\" ] || rm -rf \"$w\"; echo \"docker-debug: cannot run the session inside the target's root: $*\" >&2; exit 125; }; "
            + "[ \"$(( 0x${c:-0} >> 18 & 1 ))\" = 1 ] || fail \"the session lacks CAP_SYS_CHROOT (run it as root: without --user, "
            + "and without --cap-drop SYS_CHROOT), or leave out --chroot\"; "
            + "[ -d \"$t/\" ] || fail \"the target's root is not readable (add --cap-add SYS_PTRACE), or leave out --chroot\"; "
            + "[ -d \"$t/proc/$$/root/\" ] || fail \"the target has no /proc mounted, through which its root reaches the toolbox; "
            + "leave out --chroot to see its files under the mount dir\"; "
            + "command -v chroot >/dev/null 2>&1 || fail \"the toolbox has no chroot program (use one that has, such as busybox)\"; "
            + "sh=$tb/bin/sh; p=; "
            + "if chroot \"$t\" \"$sh\" -c : 2>/dev/null; then IFS=:; for d in $PATH; do p=$p:$tb$d; done; unset IFS; "
            + "else " + VIA_LOADER + "fi; "
            + "export PATH=" + TARGET_PATH + "$p HISTFILE=/dev/null LESSHISTFILE=/dev/null; "
            + "trap : INT QUIT; "
            + "chroot \"$t\" \"$sh\" -c 'cd \"$1\" || exit 125; shift; exec \"$@\"' sh \"${cd:-/}\" \"$@\"; "
            + "r=$?; [ -z \"$w\" ] || rm -rf \"$w\"; exit $r";

    /** The interactive shell of a rooted session: bash if the target or the toolbox has it (not a login shell: a profile resets PATH). */
    static final String CHROOT_SHELL = "if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh";

    /**
     * Without an overlay MergedDir, or for a target with a tmpfs (whose contents exist only in the
     * target's mount namespace), the target's root is reached through the shared pid namespace.
     * The target's process is pid 1 there, the host pid in the host's namespace, and in a
     * namespace the target joined ({@code --pid container:X}) the first process whose cgroup
     * names the target: pid 1 is then X, whose files the user must never be shown.
     * getcwd() fails inside another mount namespace's root, so PWD is exported for the shell
     * (ash and bash take an exported PWD that names the current directory), and so is a prompt
     * that shows $PWD (busybox ash's default "\\w" calls getcwd() and shows "(unknown)"; ash always
     * has a PS1, so it is set unconditionally; a login shell's profile may set its own).
     */
    static final String LINK_ROOT = "link=$1; pid=$2; cd=$3; shift 3; " + FIND_PID
            + "[ -e \"$link\" ] || { mkdir -p \"${link%/*}\" 2>/dev/null; ln -s \"/proc/$pid/root\" \"$link\"; }; "
            + "[ -z \"$cd\" ] || { cd \"$cd\" && export PWD=\"$cd\"; }; "
            + "export PS1='$PWD \\$ '; exec \"$@\"";

    /**
     * A TTY session gets the user's TERM only when the toolbox's terminfo knows it (else
     * {@code clear}, {@code top} and {@code tput} fail there, e.g. for xterm-kitty); otherwise
     * xterm-256color, or xterm, as {@code docker exec -t} users get. Both layouts of a terminfo
     * directory ("x/xterm" and "78/xterm") are looked at.
     */
    static final String TERM_CHECK = "has() { for d in ${TERMINFO:+\"$TERMINFO\"} \"$HOME/.terminfo\" /etc/terminfo "
            + "/lib/terminfo /usr/share/terminfo /usr/lib/terminfo; do for f in \"$d\"/*/\"$1\"; do "
            + "[ -e \"$f\" ] && return 0; done; done; return 1; }; "
            + "has \"$TERM\" || { if has xterm-256color; then TERM=xterm-256color; else TERM=xterm; fi; }; export TERM; ";

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
                KEEPER,
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
            cmd = List.of("/bin/sh", "-c", LOGIN_SHELL);
        }
        String workdir = command.workdir() != null && !command.workdir().isEmpty() ? command.workdir() : null;
        String termCheck = termCheck(command);
        if (linkRoot) {
            // The link is made by the exec itself, so the default workdir can only be entered after it.
            List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", termCheck + LINK_ROOT, "docker-debug",
                    mountDir, targetPidInSidecar(target), workdir == null ? mountDir : ""));
            wrapped.addAll(cmd);
            cmd = wrapped;
        } else {
            if (workdir == null && !mountDir.isEmpty()) {
                workdir = mountDir;
            }
            if (!termCheck.isEmpty()) {
                List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", termCheck + "exec \"$@\"", "docker-debug"));
                wrapped.addAll(cmd);
                cmd = wrapped;
            }
        }
        List<String> env = new ArrayList<>(command.env());
        return new ExecSpec(cmd, command.tty(), command.user(), workdir, env);
    }

    /** States whose target is debugged through its files: nothing runs, nothing is about to. */
    /** The status of a target that is an image. */
    public static final String IMAGE = "image";
    static final java.util.Set<String> STOPPED = java.util.Set.of("exited", "created", "dead", IMAGE);

    /**
     * A target that does not run (a stopped container, or an image): its overlay layers are
     * mounted at the mount dir inside the sidecar by {@link #MOUNT_LAYERS}: a container's own
     * writable layer on top (so that changes reach it), an image's on a tmpfs of the sidecar
     * (thrown away with it). Mounting needs CAP_SYS_ADMIN (added; where AppArmor
     * confines containers, --security-opt apparmor=unconfined too). It has its own namespaces: no processes, its own network.
     */
    public static boolean notRunning(ContainerDetails target) {
        return !target.running() && !target.paused() && !target.restarting() && STOPPED.contains(target.status());
    }

    /**
     * Mounts the target's layers at $1 unless mounted (a kept sidecar), then its volumes, then
     * runs the command there. Arguments: dir, lowerdirs, upperdir and workdir ("" for a tmpfs),
     * the working directory ("" for dir), the number of volumes, each volume's index and
     * destination, then the command. Volumes are bound under /.docker-debug-volumes/INDEX.
     */
    static final String MOUNT_LAYERS = "dir=$1; lower=$2; upper=$3; work=$4; cd=$5; n=$6; shift 6; "
            + "fail() { echo \"docker-debug: cannot mount the target's files: $*\" >&2; exit 125; }; m=; "
            + "while read -r _ p _; do [ \"$p\" = \"$dir\" ] && m=1; done </proc/mounts; "
            + "if [ -z \"$m\" ]; then mkdir -p \"$dir\" || fail \"no $dir\"; "
            + "if [ -z \"$upper\" ]; then r=/.docker-debug-throwaway; mkdir -p $r && mount -t tmpfs tmpfs $r "
            + "&& mkdir $r/upper $r/work || fail \"no tmpfs\"; upper=$r/upper; work=$r/work; fi; "
            + "mount -t overlay overlay -o \"lowerdir=$lower,upperdir=$upper,workdir=$work\" \"$dir\" "
            + "|| fail \"the overlay mount was refused\"; fi; "
            + "while [ \"$n\" -gt 0 ]; do i=$1; d=$2; shift 2; n=$((n-1)); [ -n \"$m\" ] && continue; "
            + "mkdir -p \"$dir$d\" 2>/dev/null; mount -o bind \"/.docker-debug-volumes/$i\" \"$dir$d\" "
            + "|| fail \"cannot bind the volume at $d\"; done; "
            + "cd \"${cd:-$dir}\" || exit 125; export PWD=\"${cd:-$dir}\"; exec \"$@\"";

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
        ContainerSpec container = new ContainerSpec(sidecar.image(), KEEPER,
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, target.id()), binds, null, null, null,
                sidecar.privileged(), withCap(sidecar.capAdd(), SYS_ADMIN), sidecar.securityOpt(), true, true);
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", termCheck(command) + MOUNT_LAYERS, "docker-debug",
                mountDir, layers.lowerDirs(), layers.upperDir() == null ? "" : layers.upperDir(),
                layers.workDir() == null ? "" : layers.workDir(), command.workdir() == null ? "" : command.workdir(),
                Integer.toString(n)));
        cmd.addAll(volumeArgs);
        if (!command.command().isEmpty()) {
            cmd.addAll(command.command());
        } else if (command.shell() != null) {
            cmd.addAll(List.of("/bin/sh", "-c", command.shell()));
        } else {
            cmd.addAll(List.of("/bin/sh", "-c", LOGIN_SHELL));
        }
        ExecSpec exec = new ExecSpec(cmd, command.tty(), command.user(), null, new ArrayList<>(command.env()));
        return new SidecarPlan(container, exec, List.of());
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

    /** A session under {@link #CHROOT}: the command, a string for sh or the shell, all looked up inside the target's root. */
    private static ExecSpec chrootExec(CommandOptions command, ContainerDetails target) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", termCheck(command) + CHROOT, "docker-debug",
                targetPidInSidecar(target), command.workdir() == null ? "" : command.workdir()));
        if (!command.command().isEmpty()) {
            cmd.addAll(command.command());
        } else {
            cmd.addAll(List.of("sh", "-c", command.shell() != null ? command.shell() : CHROOT_SHELL));
        }
        return new ExecSpec(cmd, command.tty(), command.user(), null, new ArrayList<>(command.env()));
    }

    private static String termCheck(CommandOptions command) {
        return command.tty() && command.env().stream().anyMatch(e -> e.startsWith("TERM=")) ? TERM_CHECK : "";
    }

    /** The target's process in the pid namespace the sidecar shares with it: a pid, or how {@link #LINK_ROOT} finds it. */
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
