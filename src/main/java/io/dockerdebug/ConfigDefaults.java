package io.dockerdebug;

import io.dockerdebug.config.Config;
import io.dockerdebug.debug.DebugRequest;

import java.util.List;
import java.util.Objects;

/**
 * The config file's defaults for what the options leave open (image, mount dir, command,
 * chroot), and the request that fills them in: the planner then reads the options objects as
 * they are.
 */
record ConfigDefaults(String image, String mountDir, List<String> command, boolean chroot) {
    static final ConfigDefaults BUILT_IN = new ConfigDefaults(null, null, List.of(), false);

    static ConfigDefaults of(Config c) {
        List<String> command = c.command() == null || c.command().isBlank() ? List.of()
                : List.of(c.command().trim().split("\\s+"));
        return new ConfigDefaults(c.image(), c.mountDir(), command, Boolean.TRUE.equals(c.chroot()));
    }

    /** A session's request: the options with the image, mount dir, command and chroot they leave open filled in. */
    DebugRequest request(String target, SidecarOptions s, CommandOptions c) {
        // TargetName checks the name (empty ones included) with the docker CLI's wording.
        Objects.requireNonNull(target, "target");
        SidecarOptions sidecar = s.toBuilder().image(image(s)).mountDir(mountDir(s)).build();
        CommandOptions.Builder command = c.toBuilder().chroot(c.chroot() != null ? c.chroot() : chroot);
        if (c.command().isEmpty() && c.shell() == null) {
            command.command(this.command);
        }
        return new DebugRequest(target, sidecar, command.build());
    }

    /** The toolbox image: the options', else the config file's, else the built-in one. */
    String image(SidecarOptions s) {
        return s.image() != null ? s.image() : image != null ? image : SidecarOptions.DEFAULT_IMAGE;
    }

    /** Where the target's root appears: the options' choice, else the config file's, else the built-in one. */
    String mountDir(SidecarOptions s) {
        return s.mountDir() != null ? s.mountDir() : mountDir != null ? mountDir : SidecarOptions.DEFAULT_MOUNT_DIR;
    }
}
