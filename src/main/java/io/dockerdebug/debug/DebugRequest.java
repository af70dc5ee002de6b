package io.dockerdebug.debug;

import java.util.List;

/**
 * Everything a debug session is asked to do, already validated where validation needs no engine.
 *
 * @param command       the command and its arguments, run as is; empty for a login shell
 * @param shellCommand  a string for {@code /bin/sh -c}, or null; exclusive with {@code command}
 * @param volumes       extra "SRC:DST[:ro|rw]" binds
 * @param user          USER[:GROUP] or null
 * @param workdir       working directory, or null for the mount dir
 * @param mountDir      absolute path for the target's root, or "" not to mount it
 * @param requireIpc    fail unless the target's IPC namespace can be joined
 * @param tty           allocate a TTY for the command
 * @param detachKeys    detach sequence in docker syntax (TTY sessions only)
 * @param keep          leave the sidecar running for reuse
 * @param chroot        run the command inside the target's root, the toolbox on PATH after the target's programs
 * @param imageTarget   {@code target} names an image, debugged through its files in a throwaway layer
 */
public record DebugRequest(
        String target,
        String image,
        List<String> command,
        String shellCommand,
        List<String> volumes,
        String user,
        String workdir,
        String mountDir,
        boolean privileged,
        List<String> capAdd,
        List<String> securityOpt,
        boolean requireIpc,
        PullPolicy pull,
        boolean tty,
        String detachKeys,
        List<String> env,
        boolean keep,
        boolean chroot,
        boolean imageTarget) {

    public static final String DEFAULT_IMAGE = "nicolaka/netshoot:latest";
    public static final String DEFAULT_MOUNT_DIR = "/mnt/container";

    public DebugRequest {
        command = List.copyOf(command);
        volumes = List.copyOf(volumes);
        capAdd = List.copyOf(capAdd);
        securityOpt = List.copyOf(securityOpt);
        env = List.copyOf(env);
    }

    /** A request whose sidecar is removed at the end (no {@code keep}). */
    public DebugRequest(String target, String image, List<String> command, String shellCommand, List<String> volumes,
                        String user, String workdir, String mountDir, boolean privileged, List<String> capAdd,
                        List<String> securityOpt, boolean requireIpc, PullPolicy pull, boolean tty, String detachKeys,
                        List<String> env) {
        this(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged, capAdd, securityOpt,
                requireIpc, pull, tty, detachKeys, env, false, false);
    }

    /** A request whose command runs in the sidecar's own root (no {@code chroot}). */
    public DebugRequest(String target, String image, List<String> command, String shellCommand, List<String> volumes,
                        String user, String workdir, String mountDir, boolean privileged, List<String> capAdd,
                        List<String> securityOpt, boolean requireIpc, PullPolicy pull, boolean tty, String detachKeys,
                        List<String> env, boolean keep) {
        this(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged, capAdd, securityOpt,
                requireIpc, pull, tty, detachKeys, env, keep, false, false);
    }

    /** A request for a container. */
    public DebugRequest(String target, String image, List<String> command, String shellCommand, List<String> volumes,
                        String user, String workdir, String mountDir, boolean privileged, List<String> capAdd,
                        List<String> securityOpt, boolean requireIpc, PullPolicy pull, boolean tty, String detachKeys,
                        List<String> env, boolean keep, boolean chroot) {
        this(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged, capAdd, securityOpt,
                requireIpc, pull, tty, detachKeys, env, keep, chroot, false);
    }

    /** This request with {@code keep} set. */
    public DebugRequest withKeep(boolean keep) {
        return new DebugRequest(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged,
                capAdd, securityOpt, requireIpc, pull, tty, detachKeys, env, keep, chroot, imageTarget);
    }

    /** This request with {@code chroot} set. */
    public DebugRequest withChroot(boolean chroot) {
        return new DebugRequest(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged,
                capAdd, securityOpt, requireIpc, pull, tty, detachKeys, env, keep, chroot, imageTarget);
    }

    /** This request with {@code imageTarget} set. */
    public DebugRequest withImageTarget(boolean imageTarget) {
        return new DebugRequest(target, image, command, shellCommand, volumes, user, workdir, mountDir, privileged,
                capAdd, securityOpt, requireIpc, pull, tty, detachKeys, env, keep, chroot, imageTarget);
    }
}
