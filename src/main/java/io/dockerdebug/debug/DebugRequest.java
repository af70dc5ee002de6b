package io.dockerdebug.debug;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;

import java.util.Objects;

/**
 * What a session is asked to do: the target and the public options themselves, which the
 * planner reads; no copy of their fields, so that an option lives in one object. The caller has
 * filled in the config file's defaults: the image and the mount dir are set, and a command left
 * empty (with no shell string) is the configured one.
 *
 * @param target  what the user named: a container's name, id or unique id prefix, or an image
 *                with {@link SidecarOptions#imageTarget()}
 * @param sidecar how the sidecar is made
 * @param command what runs in it
 */
public record DebugRequest(String target, SidecarOptions sidecar, CommandOptions command) {

    /**
     * Checks that the defaults are filled in.
     *
     * @param target  see the record's description
     * @param sidecar see the record's description
     * @param command see the record's description
     */
    public DebugRequest {
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(sidecar.mountDir(), "the mount dir: fill in the default first");
    }

    /**
     * Whether the command runs inside the target's root.
     *
     * @return the option's value; unset is off (the caller fills in the configured default)
     */
    public boolean chroot() {
        return Boolean.TRUE.equals(command.chroot());
    }
}
